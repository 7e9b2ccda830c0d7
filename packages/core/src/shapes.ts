import { toUser } from './models.js'
import type { WireTextMessage, WireUser } from './protocol.js'
import type { User } from './types.js'

// Runtime shape checks for data from outside (server frames, HTTP answers, storage), shared so
// each shape is described once.

/** A string. */
export const isString = (v: unknown): v is string => typeof v === 'string'

/** A finite number. */
export const isNumber = (v: unknown): v is number => Number.isFinite(v)

/** A non-null, non-array object whose fields can be read. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A `{ uid, name }` user. */
export const isWireUser = (v: unknown): v is WireUser => isRecord(v) && isString(v.uid) && isString(v.name)

/** A text message as the server sends it. */
export const isWireMessage = (v: unknown): v is WireTextMessage =>
  isRecord(v) &&
  isString(v.id) &&
  isString(v.sender) &&
  isString(v.receiver) &&
  isString(v.text) &&
  isNumber(v.sentAt)

/**
 * A saved session or a login answer, as the engine keeps it (just the user's `uid` and `name`, frozen:
 * the snapshot hands out this user, the same object for the whole session; and the token the socket
 * authenticates with), or null when `v` is not one.
 */
export const sessionOf = (v: unknown): { user: User; authToken: string } | null =>
  isRecord(v) && isWireUser(v.user) && isString(v.authToken)
    ? { user: toUser(v.user), authToken: v.authToken }
    : null
