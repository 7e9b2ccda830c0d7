import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, resolveLimits } from '../../src/protocol/limits.js'

// Every server limit is validated by name: bad values throw ERR_INVALID_ARGUMENT naming the option and
// what it takes; integer-only ones refuse fractions; the ones documented as "0: off" take 0.

const integers = [
  'maxFrameBytes',
  'maxMalformedFrames',
  'maxTextLength',
  'maxHttpBodyBytes',
  'messageLogSize',
  'inboxMaxEvents',
  'dedupeMaxPerSender',
  'handshakeBurst',
] as const
const durations = [
  'authTimeoutMs',
  'idleTimeoutMs',
  'tokenTtlMs',
  'inboxMaxAgeMs',
  'dedupeWindowMs',
  'storeTimeoutMs',
] as const

const refusal = (input: object) => {
  try {
    resolveLimits(input)
  } catch (e) {
    return e as { code: string; message: string }
  }
  return null
}

describe('resolveLimits: every option checked by name', () => {
  it('positive integers: 0, negatives, fractions, NaN and strings are refused, naming the option', () => {
    for (const name of integers) {
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '8' as unknown as number]) {
        const error = refusal({ [name]: bad })
        expect(error?.code, `${name} = ${bad}`).toBe('ERR_INVALID_ARGUMENT')
        expect(error?.message).toContain(name)
        expect(error?.message).toContain('a positive integer')
      }
      expect(resolveLimits({ [name]: 7 })[name]).toBe(7)
    }
  })

  it('durations: positive and finite, fractions allowed', () => {
    for (const name of durations) {
      for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number]) {
        const error = refusal({ [name]: bad })
        expect(error?.code, `${name} = ${bad}`).toBe('ERR_INVALID_ARGUMENT')
        expect(error?.message).toContain(name)
        expect(error?.message).toContain('a positive, finite number')
      }
      expect(resolveLimits({ [name]: 2_500.5 })[name]).toBe(2_500.5)
    }
  })

  it('the rate limit: frames per second may be fractional; burst and drops are whole', () => {
    expect(resolveLimits({ rateLimit: { framesPerSecond: 0.5 } }).rateLimit.framesPerSecond).toBe(0.5)
    expect(refusal({ rateLimit: { framesPerSecond: 0 } })?.message).toContain('rateLimit.framesPerSecond')
    expect(refusal({ rateLimit: { burst: 2.5 } })?.message).toContain('rateLimit.burst')
    expect(refusal({ rateLimit: { maxDroppedFrames: 1.5 } })?.message).toContain('rateLimit.maxDroppedFrames')
    expect(resolveLimits({ rateLimit: { burst: 3 } }).rateLimit).toEqual({
      ...DEFAULT_LIMITS.rateLimit,
      burst: 3,
    })
  })

  it('serverPingAfterMs: 0 (off) or below the idle timeout; half of it by default', () => {
    expect(resolveLimits({ idleTimeoutMs: 10_000 }).serverPingAfterMs).toBe(5_000)
    expect(resolveLimits({ idleTimeoutMs: 10_001 }).serverPingAfterMs).toBe(5_000)
    expect(resolveLimits({ serverPingAfterMs: 0 }).serverPingAfterMs).toBe(0)
    for (const bad of [-1, 10_000, 12_000, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) {
      const error = refusal({ idleTimeoutMs: 10_000, serverPingAfterMs: bad })
      expect(error?.code, `serverPingAfterMs = ${bad}`).toBe('ERR_INVALID_ARGUMENT')
      expect(error?.message).toContain('serverPingAfterMs')
      expect(error?.message).toContain('0 (off) or a number below idleTimeoutMs (10000)')
    }
    expect(resolveLimits({ idleTimeoutMs: 10_000, serverPingAfterMs: 9_999 }).serverPingAfterMs).toBe(9_999)
  })

  it('maxHandshakesPerSecond: 0 turns admission control off; the burst follows the rate unless given', () => {
    expect(resolveLimits({ maxHandshakesPerSecond: 0 }).maxHandshakesPerSecond).toBe(0)
    expect(resolveLimits({ maxHandshakesPerSecond: 0 }).handshakeBurst).toBe(1)
    expect(resolveLimits({ maxHandshakesPerSecond: 2.5 }).handshakeBurst).toBe(3)
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '9' as unknown as number]) {
      expect(refusal({ maxHandshakesPerSecond: bad })?.message).toContain('a finite number ≥ 0 (0: off)')
    }
  })

  it('the dedupe window follows the inbox age unless given; the result is frozen', () => {
    const limits = resolveLimits({ inboxMaxAgeMs: 60_000 })
    expect(limits.dedupeWindowMs).toBe(60_000)
    expect(Object.isFrozen(limits)).toBe(true)
    expect(Object.isFrozen(limits.rateLimit)).toBe(true)
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS)
  })
})
