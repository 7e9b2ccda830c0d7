import type { AuthOkFrame } from '@cometchat-connection/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type DecodeError,
  decodeClientFrame,
  MALFORMED_RESUME,
  RealtimeServerCore,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, until } from '../helpers/fake-connection.js'

/** Runs per property; four properties → 40,000+ inputs in total. FC_NUM_RUNS raises it for soaks. */
const RUNS = Number(process.env.FC_NUM_RUNS ?? 10_000)

const reasons = new Set(['not-json', 'not-object', 'unknown-type', 'invalid-field'])

/** A decoded `resume` is absent, a real position, or the one malformed-position value. */
function checkResume(resume: unknown): void {
  if (resume === undefined || resume === MALFORMED_RESUME) return
  const { epoch, offset, ...rest } = resume as { epoch: unknown; offset: unknown }
  expect(typeof epoch === 'string' && epoch.length <= 256).toBe(true)
  expect(Number.isSafeInteger(offset) && (offset as number) >= 0).toBe(true)
  expect(rest).toEqual({})
}

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
      checkResume(r.resume)
      return
    case 'ping':
    case 'pong':
      expect(typeof r.id).toBe('string')
      return
    case 'send-message':
      expect(typeof r.ref === 'string' && typeof r.receiver === 'string' && typeof r.text === 'string').toBe(
        true,
      )
      expect(r.id === undefined || (typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 256)).toBe(
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
    resume: fc.oneof(fieldValue, fc.record({ epoch: fieldValue, offset: fieldValue }, { requiredKeys: [] })),
    id: fieldValue,
    ref: fieldValue,
    receiver: fieldValue,
    text: fieldValue,
  },
  { requiredKeys: [] },
)

// The 10,000-run properties take seconds, not milliseconds, under Stryker's instrumentation on a busy
// machine: a slow run is not a failure (a real hang still hits Stryker's own timeout).
const PROPERTY_TIMEOUT_MS = 20_000

describe('decodeClientFrame fuzz: no exception escapes, every result is well-formed', {
  timeout: PROPERTY_TIMEOUT_MS,
}, () => {
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

  it(`any resume on a valid auth frame decodes: kept when it is a position, else the malformed marker (${RUNS / 10} runs)`, () => {
    const position = fc.record({ epoch: fc.string({ maxLength: 256 }), offset: fc.nat() })
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), position), (resume) => {
        const frame = decodeClientFrame(JSON.stringify({ type: 'auth', v: 1, authToken: 't', resume }))
        expect(frame.type).toBe('auth')
        const decoded = frame.type === 'auth' ? frame.resume : null
        const isPosition =
          typeof resume === 'object' &&
          resume !== null &&
          !Array.isArray(resume) &&
          typeof resume.epoch === 'string' &&
          resume.epoch.length <= 256 &&
          Number.isSafeInteger(resume.offset) &&
          (resume.offset as number) >= 0
        expect(decoded).toEqual(
          isPosition ? { epoch: resume.epoch, offset: resume.offset } : MALFORMED_RESUME,
        )
      }),
      { numRuns: RUNS / 10 },
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

describe("resume fuzz: a forged or malformed position never yields another user's events, never crashes", () => {
  it(`random positions, real epochs and forged ones (${RUNS / 50} runs)`, async () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({
      clock,
      maxHandshakesPerSecond: 0,
      rateLimit: { framesPerSecond: 1e6, burst: 1e6 },
    })
    // Alice's inbox holds 5 messages; mallory's holds 2. Both share the store's epoch.
    const alice = await connectUser(core, 'alice')
    const mallory = await connectUser(core, 'mallory')
    for (const [to, count] of [
      ['alice', 5],
      ['mallory', 2],
    ] as const)
      for (let i = 0; i < count; i++)
        mallory.conn.sendFrame({ type: 'send-message', ref: `${to}${i}`, receiver: to, text: `for ${to}` })
    await until(() => mallory.conn.ofType('message-ack').length === 7, 'acks')
    const epoch = (alice.conn.sent[0] as AuthOkFrame).stream?.epoch ?? ''
    const resumes = fc.oneof(
      fc.jsonValue(),
      fc.record({
        epoch: fc.oneof(fc.constant(epoch), fc.string(), fc.constant('')),
        offset: fc.oneof(fc.integer({ min: -3, max: 9 }), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER)),
      }),
    )
    await fc.assert(
      fc.asyncProperty(resumes, async (resume) => {
        const conn = openFake(core)
        conn.sendFrame({ type: 'auth', v: 1, authToken: mallory.authToken, resume })
        await until(() => conn.sent.length > 0 || conn.closed !== null, 'auth-ok')
        expect(conn.closed).toBeNull()
        const ok = conn.sent[0] as AuthOkFrame
        expect(ok.type).toBe('auth-ok')
        expect(ok.stream).toEqual({ epoch, offset: 2 })
        const replayed = conn.ofType('message')
        expect(replayed.every((f) => f.message.receiver === 'mallory')).toBe(true)
        expect(conn.ofType('error')).toEqual([])
        const recovery = ok.recovery
        if (recovery?.resumed) {
          const count = recovery.replayed
          expect(replayed.map((f) => f.offset)).toEqual(
            Array.from({ length: count }, (_, i) => 2 - count + i + 1),
          )
        } else expect(replayed).toEqual([])
        conn.handlers.onClose()
      }),
      { numRuns: RUNS / 50 },
    )
    core.shutdown()
  }, 60_000) // each run authenticates a socket: slower than the pure decoder's, bounded for a loaded machine
})
