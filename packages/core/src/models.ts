import type { PresenceFrame, WireTextMessage, WireUser } from './protocol.js'
import type { PresenceUser, TextMessage, User } from './types.js'

/** A frozen {@link User} with CometChat's getters. */
export function toUser(u: WireUser): User {
  return Object.freeze({ uid: u.uid, name: u.name, getUid: () => u.uid, getName: () => u.name })
}

/** A frozen {@link TextMessage} with CometChat's getters. */
export function toTextMessage(m: WireTextMessage): TextMessage {
  return Object.freeze({ ...m, getText: () => m.text, getSender: () => m.sender })
}

/** A frozen {@link PresenceUser}. */
export function toPresenceUser(f: PresenceFrame): PresenceUser {
  return Object.freeze({ uid: f.user.uid, name: f.user.name, status: f.status, lastActiveAt: f.at })
}
