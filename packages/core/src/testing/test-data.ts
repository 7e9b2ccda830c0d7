import type { PresenceUser, TextMessage, User } from '../types.js'

let nextMessageId = 0

/**
 * A text message as an engine delivers it: from `bob` to `alice` unless `fields` say otherwise. Pass it
 * to {@link FakeEngine.emitMessage}.
 *
 * @example
 * ```ts
 * fake.emitMessage(textMessage('hi', { sender: 'carol', replayed: true }))
 * ```
 */
export function textMessage(text: string, fields: Partial<TextMessage> = {}): TextMessage {
  return { id: `m${++nextMessageId}`, sender: 'bob', receiver: 'alice', text, sentAt: 0, ...fields }
}

/** A user from a uid (its name is the uid) or as given. */
export const userOf = (user: string | User): User =>
  Object.freeze(typeof user === 'string' ? { uid: user, name: user } : { uid: user.uid, name: user.name })

/** A presence entry for `user` now. */
export const presenceOf = (user: string | User, status: 'online' | 'offline'): PresenceUser => {
  const { uid, name } = userOf(user)
  return Object.freeze({ uid, name, status, lastActiveAt: Date.now() })
}
