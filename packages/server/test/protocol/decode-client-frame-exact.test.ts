import { describe, expect, it } from 'vitest'
import {
  decodeClientFrame,
  isDecodeError,
  MALFORMED_RESUME,
  MAX_ID_LENGTH,
  MAX_TOKEN_LENGTH,
} from '../../src/protocol/decode-client-frame.js'

// decodeClientFrame's answers in full: the reason, the message a client developer reads, and the frame
// type it concerns, at each field's edges (length limits are inclusive).

const decode = (frame: unknown) =>
  decodeClientFrame(typeof frame === 'string' ? frame : JSON.stringify(frame))
const error = (reason: string, message: string, frameType?: string) => ({
  type: 'decode-error',
  reason,
  message,
  ...(frameType && { frameType }),
})
const id = (n: number) => 'i'.repeat(n)

describe('decodeClientFrame, exactly', () => {
  it('not text, not JSON, not an object, no or unknown type', () => {
    expect(decodeClientFrame(3 as unknown as string)).toEqual(error('not-json', 'frames must be UTF-8 text'))
    expect(decode('{')).toEqual(error('not-json', 'the frame is not valid JSON'))
    for (const v of ['[]', 'null', '7', '"s"'])
      expect(decode(v)).toEqual(error('not-object', 'a frame must be a JSON object with a "type"'))
    expect(decode({ type: 'nope' })).toEqual(error('unknown-type', 'unknown frame type'))
    expect(decode({ type: 'toString' })).toEqual(error('unknown-type', 'unknown frame type'))
    expect(decode({ type: 7 })).toEqual(error('unknown-type', 'the frame has no string "type"'))
    expect(decode({})).toEqual(error('unknown-type', 'the frame has no string "type"'))
  })

  it('auth: an integer v, a token of 1 to MAX_TOKEN_LENGTH characters, a boolean presence, any resume', () => {
    const v = 'auth.v must be an integer'
    expect(decode({ type: 'auth', v: '1', authToken: 't' })).toEqual(error('invalid-field', v, 'auth'))
    expect(decode({ type: 'auth', v: 1.5, authToken: 't' })).toEqual(error('invalid-field', v, 'auth'))
    const token = `auth.authToken must be a non-empty string of at most ${MAX_TOKEN_LENGTH} characters`
    expect(decode({ type: 'auth', v: 1, authToken: '' })).toEqual(error('invalid-field', token, 'auth'))
    expect(decode({ type: 'auth', v: 1, authToken: id(MAX_TOKEN_LENGTH + 1) })).toEqual(
      error('invalid-field', token, 'auth'),
    )
    expect(decode({ type: 'auth', v: 1, authToken: id(MAX_TOKEN_LENGTH) })).toEqual({
      type: 'auth',
      v: 1,
      authToken: id(MAX_TOKEN_LENGTH),
    })
    expect(decode({ type: 'auth', v: 1, authToken: 't', presence: 'yes' })).toEqual(
      error('invalid-field', 'auth.presence must be a boolean when present', 'auth'),
    )
    expect(decode({ type: 'auth', v: 1, authToken: 't', presence: false, extra: 1 })).toEqual({
      type: 'auth',
      v: 1,
      authToken: 't',
      presence: false,
    })
  })

  it('auth.resume: a stream position, or the malformed one (a reset, never an error)', () => {
    const resume = (r: unknown) => {
      const frame = decode({ type: 'auth', v: 1, authToken: 't', resume: r })
      return isDecodeError(frame) || frame.type !== 'auth' ? frame : frame.resume
    }
    expect(resume({ epoch: 'e', offset: 0 })).toEqual({ epoch: 'e', offset: 0 })
    expect(resume({ epoch: '', offset: 3 })).toEqual({ epoch: '', offset: 3 })
    expect(resume({ epoch: id(MAX_ID_LENGTH), offset: 1 })).toEqual({ epoch: id(MAX_ID_LENGTH), offset: 1 })
    for (const bad of [
      null,
      'e:1',
      7,
      { epoch: 'e' },
      { epoch: 'e', offset: '1' },
      { epoch: 'e', offset: -1 },
      { epoch: 'e', offset: 1.5 },
      { epoch: 'e', offset: 2 ** 53 },
      { epoch: 5, offset: 1 },
      { epoch: id(MAX_ID_LENGTH + 1), offset: 1 },
    ])
      expect(resume(bad), JSON.stringify(bad)).toEqual(MALFORMED_RESUME)
    expect(decode({ type: 'auth', v: 1, authToken: 't' })).not.toHaveProperty('resume')
  })

  it('ping and pong: an id of at most MAX_ID_LENGTH characters (empty allowed)', () => {
    for (const kind of ['ping', 'pong'] as const) {
      expect(decode({ type: kind, id: '' })).toEqual({ type: kind, id: '' })
      expect(decode({ type: kind, id: id(MAX_ID_LENGTH) })).toEqual({ type: kind, id: id(MAX_ID_LENGTH) })
      const message = `${kind}.id must be a string of at most ${MAX_ID_LENGTH} characters`
      expect(decode({ type: kind, id: id(MAX_ID_LENGTH + 1) })).toEqual(error('invalid-field', message, kind))
      expect(decode({ type: kind })).toEqual(error('invalid-field', message, kind))
    }
  })

  it('send-message: ref non-empty, receiver any short string, text a string, id non-empty when present', () => {
    const ok = { type: 'send-message', ref: 'r', receiver: 'bob', text: 'hi' }
    expect(decode(ok)).toEqual(ok)
    expect(decode({ ...ok, receiver: '', text: '' })).toEqual({ ...ok, receiver: '', text: '' })
    expect(decode({ ...ok, id: 'm1' })).toEqual({ ...ok, id: 'm1' })
    const ref = `send-message.ref must be a non-empty string of at most ${MAX_ID_LENGTH} characters`
    expect(decode({ ...ok, ref: '' })).toEqual(error('invalid-field', ref, 'send-message'))
    expect(decode({ ...ok, ref: id(MAX_ID_LENGTH + 1) })).toEqual(error('invalid-field', ref, 'send-message'))
    expect(decode({ ...ok, ref: id(MAX_ID_LENGTH) })).toEqual({ ...ok, ref: id(MAX_ID_LENGTH) })
    const receiver = `send-message.receiver must be a string of at most ${MAX_ID_LENGTH} characters`
    expect(decode({ ...ok, receiver: 5 })).toEqual(error('invalid-field', receiver, 'send-message'))
    expect(decode({ ...ok, receiver: id(MAX_ID_LENGTH + 1) })).toEqual(
      error('invalid-field', receiver, 'send-message'),
    )
    expect(decode({ ...ok, text: 1 })).toEqual(
      error('invalid-field', 'send-message.text must be a string', 'send-message'),
    )
    const messageId = `send-message.id must be a non-empty string of at most ${MAX_ID_LENGTH} characters when present`
    expect(decode({ ...ok, id: '' })).toEqual(error('invalid-field', messageId, 'send-message'))
    expect(decode({ ...ok, id: id(MAX_ID_LENGTH + 1) })).toEqual(
      error('invalid-field', messageId, 'send-message'),
    )
  })

  it('isDecodeError tells the two apart', () => {
    expect(isDecodeError(decode('{'))).toBe(true)
    expect(isDecodeError(decode({ type: 'ping', id: '1' }))).toBe(false)
  })
})
