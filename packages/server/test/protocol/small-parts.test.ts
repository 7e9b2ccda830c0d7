import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryTokenStore, DEFAULT_LIMITS, resolveLimits, TokenBucket } from '../../src/browser.js'
import { newAuthToken } from '../../src/common/random-hex.js'
import { exceedsUtf8Bytes, utf8Length } from '../../src/protocol/utf8-length.js'

describe('utf8Length', () => {
  it('matches TextEncoder for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
      }),
      { numRuns: 2_000 },
    )
    // Seconds, not milliseconds, under Stryker's instrumentation on a busy machine: a slow run is not a
    // failure (a real hang still hits Stryker's own timeout).
  }, 20_000)

  it('exceedsUtf8Bytes decides at the exact boundary', () => {
    expect(exceedsUtf8Bytes('a'.repeat(10), 10)).toBe(false)
    expect(exceedsUtf8Bytes('a'.repeat(11), 10)).toBe(true)
    expect(exceedsUtf8Bytes('é'.repeat(5), 10)).toBe(false)
    expect(exceedsUtf8Bytes('é'.repeat(6), 10)).toBe(true)
  })
})

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 3, 0)
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(bucket.msUntilToken(0)).toBe(100)
    expect(bucket.take(99)).toBe(false)
    expect(bucket.take(100)).toBe(true)
    expect(bucket.isFull(100)).toBe(false)
    expect(bucket.isFull(400)).toBe(true)
  })

  it('is not drained by a clock that goes backwards', () => {
    const bucket = new TokenBucket(10, 2, 1000)
    expect(bucket.take(500)).toBe(true)
    expect(bucket.take(500)).toBe(true)
    expect(bucket.take(1200)).toBe(true)
  })
})

describe('resolveLimits', () => {
  it('fills defaults and derives the server ping from the idle timeout', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS)
    expect(resolveLimits({ idleTimeoutMs: 1000 }).serverPingAfterMs).toBe(500)
    expect(resolveLimits({ rateLimit: { burst: 5 } }).rateLimit).toEqual({
      framesPerSecond: 20,
      burst: 5,
      maxDroppedFrames: 100,
    })
  })

  it.each([
    [{ maxFrameBytes: 0 }, 'maxFrameBytes'],
    [{ authTimeoutMs: -1 }, 'authTimeoutMs'],
    [{ idleTimeoutMs: Number.NaN }, 'idleTimeoutMs'],
    [{ idleTimeoutMs: 1000, serverPingAfterMs: 1000 }, 'serverPingAfterMs'],
    [{ rateLimit: { burst: 1.5 } }, 'rateLimit.burst'],
    [{ maxMalformedFrames: 0 }, 'maxMalformedFrames'],
  ])('refuses %o with ERR_INVALID_ARGUMENT naming %s', (input, name) => {
    expect(() => resolveLimits(input)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining(name) }),
    )
  })
})

describe('tokens', () => {
  it('are 256-bit random hex, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newAuthToken()))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('the memory store sweeps expired records as new ones are saved', () => {
    let now = 0
    const store = createMemoryTokenStore({ now: () => now, sweepEvery: 2 })
    store.save({ token: 'a', appId: 'x', uid: 'u', expiresAt: 10 })
    now = 20
    store.save({ token: 'b', appId: 'x', uid: 'u', expiresAt: 100 })
    expect(store.get('a')).toBeUndefined()
    expect(store.size()).toBe(1)
    expect(store.revoke('b')).toBe(true)
    expect(store.revoke('b')).toBe(false)
  })
})
