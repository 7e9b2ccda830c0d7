import type {
  AuthFrame,
  ClientFrame,
  PingFrame,
  PongFrame,
  SendMessageFrame,
  StreamPosition,
} from '@cometchat-connection/core'

/** Why a client frame could not be decoded. */
export type DecodeErrorReason =
  /** Not valid JSON (or not a string at all). */
  | 'not-json'
  /** Valid JSON, but not an object (array, number, null …). */
  | 'not-object'
  /** An object without a string `type`, or with a `type` the protocol does not know. */
  | 'unknown-type'
  /** A known `type` with a missing or wrongly typed field. */
  | 'invalid-field'

/**
 * The result of {@link decodeClientFrame} for a frame that is not a valid {@link ClientFrame}.
 * Never sent on the wire: `type: 'decode-error'` only makes it easy to tell apart in a `switch`.
 */
export interface DecodeError {
  readonly type: 'decode-error'
  readonly reason: DecodeErrorReason
  /** Human-readable, safe to send back in an `error` frame (it never echoes the frame). */
  readonly message: string
  /** The frame's `type` when it was a known one (e.g. an `auth` frame with a bad field). */
  readonly frameType?: ClientFrame['type']
}

/** Longest accepted id / ref / token, in UTF-16 code units: echoing unbounded ids back would amplify traffic. */
export const MAX_ID_LENGTH = 256
/** Longest accepted auth token. */
export const MAX_TOKEN_LENGTH = 1024

const knownTypes: ReadonlySet<string> = new Set<ClientFrame['type']>(['auth', 'ping', 'pong', 'send-message'])

type Fields = Record<string, unknown>

function fail(reason: DecodeErrorReason, message: string, frameType?: ClientFrame['type']): DecodeError {
  return frameType === undefined
    ? { type: 'decode-error', reason, message }
    : { type: 'decode-error', reason, message, frameType }
}

function isBoundedString(value: unknown, max: number, allowEmpty: boolean): value is string {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.length > 0)
}

/**
 * What a `resume` that is not a stream position decodes to. Its offset is no offset a stream has, so the
 * server answers it with a `'position'` reset: a bad position costs the client its replay, never its socket.
 */
export const MALFORMED_RESUME: StreamPosition = Object.freeze({ epoch: '', offset: -1 })

function decodeResume(value: unknown): StreamPosition {
  if (typeof value !== 'object' || value === null) return MALFORMED_RESUME
  const { epoch, offset } = value as Fields
  if (
    !isBoundedString(epoch, MAX_ID_LENGTH, true) ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 0
  )
    return MALFORMED_RESUME
  return { epoch, offset }
}

function decodeAuth(f: Fields): AuthFrame | DecodeError {
  if (typeof f.v !== 'number' || !Number.isInteger(f.v))
    return fail('invalid-field', 'auth.v must be an integer', 'auth')
  if (!isBoundedString(f.authToken, MAX_TOKEN_LENGTH, false)) {
    return fail(
      'invalid-field',
      `auth.authToken must be a non-empty string of at most ${MAX_TOKEN_LENGTH} characters`,
      'auth',
    )
  }
  if (f.presence !== undefined && typeof f.presence !== 'boolean') {
    return fail('invalid-field', 'auth.presence must be a boolean when present', 'auth')
  }
  const frame: AuthFrame = { type: 'auth', v: f.v, authToken: f.authToken }
  if (f.presence !== undefined) frame.presence = f.presence
  if (f.resume !== undefined) frame.resume = decodeResume(f.resume)
  return frame
}

function decodePingOrPong(kind: 'ping' | 'pong', f: Fields): PingFrame | PongFrame | DecodeError {
  if (!isBoundedString(f.id, MAX_ID_LENGTH, true)) {
    return fail('invalid-field', `${kind}.id must be a string of at most ${MAX_ID_LENGTH} characters`, kind)
  }
  return { type: kind, id: f.id }
}

function decodeSendMessage(f: Fields): SendMessageFrame | DecodeError {
  if (!isBoundedString(f.ref, MAX_ID_LENGTH, false)) {
    return fail(
      'invalid-field',
      `send-message.ref must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      'send-message',
    )
  }
  // receiver and text are only type-checked here: an empty or unknown value is a request error with a ref
  // (the client can match it), not a malformed frame.
  if (!isBoundedString(f.receiver, MAX_ID_LENGTH, true)) {
    return fail(
      'invalid-field',
      `send-message.receiver must be a string of at most ${MAX_ID_LENGTH} characters`,
      'send-message',
    )
  }
  if (typeof f.text !== 'string')
    return fail('invalid-field', 'send-message.text must be a string', 'send-message')
  if (f.id !== undefined && !isBoundedString(f.id, MAX_ID_LENGTH, false)) {
    return fail(
      'invalid-field',
      `send-message.id must be a non-empty string of at most ${MAX_ID_LENGTH} characters when present`,
      'send-message',
    )
  }
  const frame: SendMessageFrame = { type: 'send-message', ref: f.ref, receiver: f.receiver, text: f.text }
  if (f.id !== undefined) frame.id = f.id
  return frame
}

/**
 * Decodes one text frame from a client. Never throws, whatever the input: every problem becomes a
 * {@link DecodeError}. A valid frame comes back as a fresh object holding only the protocol's fields
 * (unknown fields are ignored, for forward compatibility).
 *
 * @example
 * ```ts
 * const frame = decodeClientFrame('{"type":"ping","id":"1"}')
 * if (frame.type === 'decode-error') reply({ type: 'error', code: 'ERR_MALFORMED_FRAME', message: frame.message })
 * ```
 */
export function decodeClientFrame(text: string): ClientFrame | DecodeError {
  if (typeof text !== 'string') return fail('not-json', 'frames must be UTF-8 text')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return fail('not-json', 'the frame is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('not-object', 'a frame must be a JSON object with a "type"')
  }
  const fields = value as Fields
  const type = fields.type
  if (typeof type !== 'string' || !knownTypes.has(type)) {
    return fail(
      'unknown-type',
      typeof type === 'string' ? 'unknown frame type' : 'the frame has no string "type"',
    )
  }
  switch (type as ClientFrame['type']) {
    case 'auth':
      return decodeAuth(fields)
    case 'ping':
      return decodePingOrPong('ping', fields)
    case 'pong':
      return decodePingOrPong('pong', fields)
    case 'send-message':
      return decodeSendMessage(fields)
  }
}

/** Whether a {@link decodeClientFrame} result is a {@link DecodeError}. */
export function isDecodeError(result: ClientFrame | DecodeError): result is DecodeError {
  return result.type === 'decode-error'
}
