import type { PresenceFrame, WireTextMessage, WireUser } from './protocol.js'
import type { PresenceUser, TextMessage, User } from './types.js'

// The engine hands out plain data: frozen users, and each message as it was decoded (no copy on the hot
// path). CometChat's classes with getters live in the facade (cometchat-models.ts).

/** A frozen {@link User}. */
export const toUser = ({ uid, name }: WireUser): User => Object.freeze({ uid, name })

/** The delivered {@link TextMessage}: the decoded wire message itself, marked when it was replayed. */
export const toTextMessage = (m: WireTextMessage, replayed?: boolean): TextMessage => {
  if (replayed) (m as { replayed?: boolean }).replayed = true
  return m
}

/** A frozen {@link PresenceUser}. */
export const toPresenceUser = (f: PresenceFrame): PresenceUser =>
  Object.freeze({ uid: f.user.uid, name: f.user.name, status: f.status, lastActiveAt: f.at })
