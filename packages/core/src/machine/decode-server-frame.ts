import type { ServerFrame } from '../protocol.js'

type Check = (v: unknown) => boolean

const str: Check = (v) => typeof v === 'string'
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v)
const obj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    obj(v) && Object.keys(fields).every((k) => fields[k]!(v[k]))
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v)

const user = shape({ uid: str, name: str })
const message = shape({ id: str, sender: str, receiver: str, text: str, sentAt: num })

/** The fields every known frame type must carry (protocol.ts describes them). */
const frames: Record<string, Record<string, Check>> = {
  'auth-ok': { user, serverTime: num, idleTimeoutMs: num },
  ping: { id: str },
  pong: { id: str },
  message: { message },
  'message-ack': { ref: str, message },
  presence: { user, status: (v) => v === 'online' || v === 'offline', at: num },
  throttle: { feature: str, retryAfterMs: num },
  error: { code: str, message: str, ref: optional(str) },
}

/**
 * Decodes one frame from the server. Never throws: anything that is not a well-formed frame of a
 * known type yields `null`, which the machine reports as `ERR_MALFORMED_FRAME`.
 */
export function decodeServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null
  let v: unknown
  try {
    v = JSON.parse(data)
  } catch {
    return null
  }
  const fields =
    obj(v) && typeof v.type === 'string' && Object.hasOwn(frames, v.type) ? frames[v.type] : undefined
  return fields && shape(fields)(v) ? (v as unknown as ServerFrame) : null
}
