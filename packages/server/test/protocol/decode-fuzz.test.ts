import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DecodeError, decodeClientFrame } from '../../src/protocol/index.js'

/** Runs per property; four properties → 40,000+ inputs in total. FC_NUM_RUNS raises it for soaks. */
const RUNS = Number(process.env.FC_NUM_RUNS ?? 10_000)

const reasons = new Set(['not-json', 'not-object', 'unknown-type', 'invalid-field'])

/** The decoder's contract for any input: a decode error with a known reason, or a well-formed frame. */
function checkResult(result: unknown): void {
  expect(typeof result).toBe('object')
  const r = result as { type: string } & Record<string, unknown>
  switch (r.type) {
    case 'decode-error':
      expect(reasons.has((r as unknown as DecodeError).reason)).toBe(true)
      expect(typeof r.message).toBe('string')
      return
    case 'auth':
      expect(Number.isInteger(r.v)).toBe(true)
      expect(typeof r.authToken === 'string' && r.authToken.length > 0).toBe(true)
      expect(r.presence === undefined || typeof r.presence === 'boolean').toBe(true)
      return
    case 'ping':
    case 'pong':
      expect(typeof r.id).toBe('string')
      return
    case 'send-message':
      expect(typeof r.ref === 'string' && typeof r.receiver === 'string' && typeof r.text === 'string').toBe(
        true,
      )
      return
    default:
      throw new Error(`unexpected result ${JSON.stringify(result)}`)
  }
}

const frameTypes = fc.constantFrom('auth', 'ping', 'pong', 'send-message', 'message', 'auth-ok', '', 'AUTH')
const fieldValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue(),
)
/** Objects shaped like frames: a plausible type and a mix of the protocol's field names. */
const frameLike = fc.record(
  {
    type: fc.oneof(frameTypes, fieldValue),
    v: fc.oneof(fc.constant(1), fieldValue),
    authToken: fieldValue,
    presence: fieldValue,
    id: fieldValue,
    ref: fieldValue,
    receiver: fieldValue,
    text: fieldValue,
  },
  { requiredKeys: [] },
)

describe('decodeClientFrame fuzz: no exception escapes, every result is well-formed', () => {
  it(`arbitrary strings (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        checkResult(decodeClientFrame(text))
      }),
      { numRuns: RUNS },
    )
  })

  it(`arbitrary JSON values (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        checkResult(decodeClientFrame(JSON.stringify(value)))
      }),
      { numRuns: RUNS },
    )
  })

  it(`frame-like objects (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(frameLike, (value) => {
        checkResult(decodeClientFrame(JSON.stringify(value)))
      }),
      { numRuns: RUNS },
    )
  })

  it(`frame-like JSON cut or spliced at random (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(frameLike, fc.nat(), fc.string({ maxLength: 5 }), (value, at, insert) => {
        const text = JSON.stringify(value)
        const cut = at % (text.length + 1)
        checkResult(decodeClientFrame(text.slice(0, cut) + insert + text.slice(cut)))
      }),
      { numRuns: RUNS },
    )
  })

  it('non-string input (a binding bug) is a decode error, not a crash', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('s')]) {
      expect(decodeClientFrame(value as unknown as string)).toMatchObject({
        type: 'decode-error',
        reason: 'not-json',
      })
    }
  })

  it(`valid frames round-trip exactly (${RUNS / 10} runs)`, () => {
    const valid = fc.oneof(
      fc.record({ type: fc.constant('ping' as const), id: fc.string({ maxLength: 256 }) }),
      fc.record({ type: fc.constant('pong' as const), id: fc.string({ maxLength: 256 }) }),
      fc.record({
        type: fc.constant('send-message' as const),
        ref: fc.string({ minLength: 1, maxLength: 256 }),
        receiver: fc.string({ maxLength: 256 }),
        text: fc.string(),
      }),
      fc.record(
        {
          type: fc.constant('auth' as const),
          v: fc.integer(),
          authToken: fc.string({ minLength: 1, maxLength: 1024 }),
          presence: fc.boolean(),
        },
        { requiredKeys: ['type', 'v', 'authToken'] },
      ),
    )
    fc.assert(
      fc.property(valid, (frame) => {
        expect(decodeClientFrame(JSON.stringify(frame))).toEqual(frame)
      }),
      { numRuns: RUNS / 10 },
    )
  })
})
