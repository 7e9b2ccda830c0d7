import type { TextMessage as MessageData, PresenceUser, User as UserData } from './types.js'

/**
 * CometChat's `User`: a uid and a name with CometChat's getters (and presence, when it came from a
 * presence event). `CometChat.User` is this class; the engine itself hands out plain `{ uid, name }`.
 *
 * @example
 * ```ts
 * const user = await CometChat.getLoggedinUser()
 * console.log(user?.getUid(), user?.getName())
 * ```
 */
export class CometChatUser {
  /** The user's id. */
  readonly uid: string
  /** Display name (the uid when none was set). */
  name: string
  /** `online` / `offline` when known from presence. */
  readonly status?: 'online' | 'offline'
  /** Server time of the last presence change, epoch ms, when known. */
  readonly lastActiveAt?: number

  /** @param user - a uid, or a user (plain, or from presence) */
  constructor(user: string | UserData | PresenceUser) {
    if (typeof user === 'string') {
      this.uid = user
      this.name = user
      return
    }
    this.uid = user.uid
    this.name = user.name
    if ('status' in user) {
      this.status = user.status
      this.lastActiveAt = user.lastActiveAt
    }
  }
  /** The uid. */
  getUid(): string {
    return this.uid
  }
  /** The display name. */
  getName(): string {
    return this.name
  }
  /** Sets the display name (local only). */
  setName(name: string): void {
    this.name = name
  }
  /** `online` / `offline` from presence, or undefined when unknown. */
  getStatus(): 'online' | 'offline' | undefined {
    return this.status
  }
  /** Server time of the last presence change, epoch ms, or undefined. */
  getLastActiveAt(): number | undefined {
    return this.lastActiveAt
  }
}

/**
 * CometChat's `TextMessage`: a delivered text message with CometChat's getters. `CometChat.TextMessage`
 * is this class; the engine itself hands out plain messages.
 */
export class CometChatTextMessage {
  /** Server-assigned id. */
  readonly id: string
  /** Sender uid. */
  readonly sender: string
  /** Receiver uid. */
  readonly receiver: string
  /** The text. */
  readonly text: string
  /** Server time the message was stored, epoch ms. */
  readonly sentAt: number
  /** True when it arrived in a resume's replay rather than live. */
  readonly replayed: boolean

  /**
   * CometChat's form, to send: `new CometChat.TextMessage(receiverId, text, 'user')`; or a message the
   * engine delivered.
   */
  constructor(message: MessageData | string, text = '', _receiverType: 'user' = 'user') {
    const m: MessageData =
      typeof message === 'string' ? { id: '', sender: '', receiver: message, text, sentAt: 0 } : message
    this.id = m.id
    this.sender = m.sender
    this.receiver = m.receiver
    this.text = m.text
    this.sentAt = m.sentAt
    this.replayed = m.replayed === true
  }
  /** The id. */
  getId(): string {
    return this.id
  }
  /** The text. */
  getText(): string {
    return this.text
  }
  /** The sender, as a user. */
  getSender(): CometChatUser {
    return new CometChatUser(this.sender)
  }
  /** The receiver's uid. */
  getReceiverId(): string {
    return this.receiver
  }
  /** Always `'user'`: this library sends user-to-user messages. */
  getReceiverType(): 'user' {
    return 'user'
  }
  /** When the server stored it, epoch seconds (CometChat's unit). */
  getSentAt(): number {
    return Math.floor(this.sentAt / 1000)
  }
}
