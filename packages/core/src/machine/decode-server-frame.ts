import type { ServerFrame } from '../protocol.js'
import { isNumber, isRecord, isString, isWireMessage, isWireUser } from '../shapes.js'

type Fields = Record<string, unknown>

/**
 * What each known frame type must carry for the engine to act on it (protocol.ts describes the
 * frames; fields the engine does not read are not required).
 */
const valid: Record<string, (f: Fields) => boolean> = {
  'auth-ok': (f) => isWireUser(f.user),
  ping: (f) => isString(f.id),
  pong: (f) => isString(f.id),
  message: (f) => isWireMessage(f.message),
  'message-ack': (f) => isString(f.ref) && isWireMessage(f.message),
  presence: (f) => isWireUser(f.user) && (f.status === 'online' || f.status === 'offline') && isNumber(f.at),
  throttle: () => true,
  error: (f) => isString(f.code) && isString(f.message) && (f.ref === undefined || isString(f.ref)),
}

/**
 * Decodes one frame from the server. Never throws: anything that is not a well-formed frame of a
 * known type yields `null`, which the machine reports as `ERR_MALFORMED_FRAME`.
 */
export function decodeServerFrame(data: unknown): ServerFrame | null {
  try {
    const v: unknown = isString(data) && JSON.parse(data)
    return isRecord(v) && isString(v.type) && Object.hasOwn(valid, v.type) && valid[v.type]!(v)
      ? (v as unknown as ServerFrame)
      : null
  } catch {
    return null // not JSON
  }
}
