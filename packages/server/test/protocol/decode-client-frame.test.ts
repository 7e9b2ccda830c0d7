import { describe, expect, it } from 'vitest'
import { decodeClientFrame, isDecodeError } from '../../src/browser.js'

describe('decodeClientFrame', () => {
  it('decodes each client frame type to a fresh object with only protocol fields', () => {
    expect(decodeClientFrame('{"type":"auth","v":1,"authToken":"t","presence":true,"extra":1}')).toEqual({
      type: 'auth',
      v: 1,
      authToken: 't',
      presence: true,
    })
    expect(decodeClientFrame('{"type":"auth","v":1,"authToken":"t"}')).toEqual({
      type: 'auth',
      v: 1,
      authToken: 't',
    })
    expect(decodeClientFrame('{"type":"ping","id":"7"}')).toEqual({ type: 'ping', id: '7' })
    expect(decodeClientFrame('{"type":"pong","id":""}')).toEqual({ type: 'pong', id: '' })
    expect(decodeClientFrame('{"type":"send-message","ref":"r1","receiver":"bob","text":"hi"}')).toEqual({
      type: 'send-message',
      ref: 'r1',
      receiver: 'bob',
      text: 'hi',
    })
  })

  it.each([
    ['not JSON', 'nope', 'not-json'],
    ['truncated JSON', '{"type":"ping"', 'not-json'],
    ['empty string', '', 'not-json'],
    ['an array', '[1,2]', 'not-object'],
    ['null', 'null', 'not-object'],
    ['a number', '42', 'not-object'],
    ['no type', '{"id":"1"}', 'unknown-type'],
    ['a numeric type', '{"type":1}', 'unknown-type'],
    ['an unknown type', '{"type":"subscribe"}', 'unknown-type'],
    ['a server-only type', '{"type":"auth-ok"}', 'unknown-type'],
    ['auth without token', '{"type":"auth","v":1}', 'invalid-field'],
    ['auth with empty token', '{"type":"auth","v":1,"authToken":""}', 'invalid-field'],
    ['auth with string v', '{"type":"auth","v":"1","authToken":"t"}', 'invalid-field'],
    [
      'auth with non-boolean presence',
      '{"type":"auth","v":1,"authToken":"t","presence":"yes"}',
      'invalid-field',
    ],
    ['ping with numeric id', '{"type":"ping","id":1}', 'invalid-field'],
    ['ping with a huge id', `{"type":"ping","id":"${'x'.repeat(300)}"}`, 'invalid-field'],
    ['send-message without ref', '{"type":"send-message","receiver":"b","text":"t"}', 'invalid-field'],
    [
      'send-message with numeric text',
      '{"type":"send-message","ref":"r","receiver":"b","text":5}',
      'invalid-field',
    ],
  ])('rejects %s as %s', (_what, text, reason) => {
    const result = decodeClientFrame(text)
    expect(isDecodeError(result)).toBe(true)
    expect(result).toMatchObject({ type: 'decode-error', reason })
  })

  it('names the frame type of a known frame with a bad field (auth errors are treated apart)', () => {
    expect(decodeClientFrame('{"type":"auth","v":1}')).toMatchObject({ frameType: 'auth' })
    expect(decodeClientFrame('{"type":"nope"}')).not.toHaveProperty('frameType')
  })

  it('keeps empty receiver and text (request errors answered with the ref, not malformed frames)', () => {
    expect(decodeClientFrame('{"type":"send-message","ref":"r","receiver":"","text":""}')).toEqual({
      type: 'send-message',
      ref: 'r',
      receiver: '',
      text: '',
    })
  })

  it('does not carry __proto__ keys into the decoded frame', () => {
    const frame = decodeClientFrame('{"type":"ping","id":"1","__proto__":{"polluted":true}}')
    expect(frame).toEqual({ type: 'ping', id: '1' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never echoes the frame in its message', () => {
    const result = decodeClientFrame('{"type":"secret-token-123"}')
    expect(isDecodeError(result) && result.message).not.toContain('secret-token-123')
  })
})
