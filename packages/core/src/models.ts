import type { PresenceFrame, WireTextMessage, WireUser } from './protocol.js'
import type { PresenceUser, TextMessage, User } from './types.js'

// Classes, not object literals with closures: their getters live once on the prototype, so a message
// costs one small object on the hot path (and an engine holding many users stays small).

class UserModel implements User {
  constructor(
    readonly uid: string,
    readonly name: string,
  ) {}
  getUid(): string {
    return this.uid
  }
  getName(): string {
    return this.name
  }
}

class TextMessageModel implements TextMessage {
  readonly id: string
  readonly sender: string
  readonly receiver: string
  readonly text: string
  readonly sentAt: number
  constructor(
    m: WireTextMessage,
    readonly replayed: boolean,
  ) {
    this.id = m.id
    this.sender = m.sender
    this.receiver = m.receiver
    this.text = m.text
    this.sentAt = m.sentAt
  }
  getId(): string {
    return this.id
  }
  getText(): string {
    return this.text
  }
  getSender(): User {
    return toUser({ uid: this.sender, name: this.sender })
  }
  getReceiverId(): string {
    return this.receiver
  }
  getSentAt(): number {
    return this.sentAt
  }
}

/** A frozen {@link User} with CometChat's getters. */
export const toUser = (u: WireUser): User => Object.freeze(new UserModel(u.uid, u.name))

/** A {@link TextMessage} with CometChat's getters; `replayed` when it came in a resume's replay. */
export const toTextMessage = (m: WireTextMessage, replayed?: boolean): TextMessage =>
  new TextMessageModel(m, !!replayed)

/** A frozen {@link PresenceUser}. */
export function toPresenceUser(f: PresenceFrame): PresenceUser {
  return Object.freeze({ uid: f.user.uid, name: f.user.name, status: f.status, lastActiveAt: f.at })
}
