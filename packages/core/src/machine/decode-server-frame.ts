import type { ServerFrame, WireTextMessage, WireUser } from '../protocol.js'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function user(v: unknown): WireUser | null {
  return isObj(v) && isStr(v.uid) && isStr(v.name) ? { uid: v.uid, name: v.name } : null
}

function textMessage(v: unknown): WireTextMessage | null {
  if (!isObj(v)) return null
  const { id, sender, receiver, text, sentAt } = v
  if (!isStr(id) || !isStr(sender) || !isStr(receiver) || !isStr(text) || !isNum(sentAt)) return null
  return { id, sender, receiver, text, sentAt }
}

/**
 * Decodes one frame from the server. Never throws: anything that is not a well-formed frame of a
 * known type yields `null`, which the machine reports as `ERR_MALFORMED_FRAME`.
 */
export function decodeServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string' || data.length === 0) return null
  let v: unknown
  try {
    v = JSON.parse(data)
  } catch {
    return null
  }
  if (!isObj(v) || !isStr(v.type)) return null
  switch (v.type) {
    case 'auth-ok': {
      const u = user(v.user)
      return u && isNum(v.serverTime) && isNum(v.idleTimeoutMs)
        ? { type: 'auth-ok', user: u, serverTime: v.serverTime, idleTimeoutMs: v.idleTimeoutMs }
        : null
    }
    case 'ping':
    case 'pong':
      return isStr(v.id) ? { type: v.type, id: v.id } : null
    case 'message': {
      const m = textMessage(v.message)
      return m ? { type: 'message', message: m } : null
    }
    case 'message-ack': {
      const m = textMessage(v.message)
      return m && isStr(v.ref) ? { type: 'message-ack', ref: v.ref, message: m } : null
    }
    case 'presence': {
      const u = user(v.user)
      return u && (v.status === 'online' || v.status === 'offline') && isNum(v.at)
        ? { type: 'presence', user: u, status: v.status, at: v.at }
        : null
    }
    case 'throttle':
      return isStr(v.feature) && isNum(v.retryAfterMs)
        ? { type: 'throttle', feature: v.feature, retryAfterMs: v.retryAfterMs }
        : null
    case 'error':
      if (!isStr(v.code) || !isStr(v.message)) return null
      return isStr(v.ref)
        ? { type: 'error', code: v.code, message: v.message, ref: v.ref }
        : { type: 'error', code: v.code, message: v.message }
    default:
      return null
  }
}
