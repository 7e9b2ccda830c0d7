import { CloseCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { ADMISSION_JITTER_MS, DEFAULT_LIMITS, RealtimeServerCore, resolveLimits } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { openFake } from '../helpers/fake-connection.js'

describe('admission control (maxHandshakesPerSecond)', () => {
  it('admits the burst, then closes each further socket at once with 4013 and a retry window that grows with the crowd', () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({ clock, maxHandshakesPerSecond: 10, handshakeBurst: 3 })
    const admitted = [openFake(core), openFake(core), openFake(core)]
    expect(admitted.map((c) => c.closed)).toEqual([null, null, null])
    const refused = [openFake(core), openFake(core), openFake(core)]
    // backlog 1, 2, 3 at 10/s: 100, 200, 300 ms of queue, plus the jitter floor.
    expect(refused.map((c) => c.closed)).toEqual(
      [1, 2, 3].map((backlog) => ({
        code: CloseCodes.TRY_AGAIN_LATER,
        reason: `retry after ${backlog * 100 + ADMISSION_JITTER_MS} ms`,
      })),
    )
    expect(core.connectionCount()).toBe(3)
    expect(refused.every((c) => c.sent.length === 0)).toBe(true)
  })

  it('the backlog drains at the rate and the bucket refills: later sockets are admitted again', () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({ clock, maxHandshakesPerSecond: 10, handshakeBurst: 1 })
    openFake(core)
    expect(openFake(core).closed?.reason).toBe(`retry after ${100 + ADMISSION_JITTER_MS} ms`)
    clock.advance(100) // one token back, and the backlog of 1 drained
    expect(openFake(core).closed).toBeNull()
    expect(openFake(core).closed?.reason).toBe(`retry after ${100 + ADMISSION_JITTER_MS} ms`)
  })

  it('0 turns it off: 5,000 sockets in the same millisecond are all admitted', () => {
    const core = new RealtimeServerCore({ clock: new FakeClock(), maxHandshakesPerSecond: 0 })
    for (let i = 0; i < 5_000; i++) expect(openFake(core).closed).toBeNull()
    core.shutdown()
  })

  it('the defaults (1,000/s, burst 1,000) admit 1,000 sockets at once', () => {
    expect([DEFAULT_LIMITS.maxHandshakesPerSecond, DEFAULT_LIMITS.handshakeBurst]).toEqual([1000, 1000])
    const core = new RealtimeServerCore({ clock: new FakeClock() })
    for (let i = 0; i < 1_000; i++) expect(openFake(core).closed).toBeNull()
    expect(openFake(core).closed?.code).toBe(CloseCodes.TRY_AGAIN_LATER)
    core.shutdown()
  })

  it.each([
    ['maxHandshakesPerSecond', { maxHandshakesPerSecond: -1 }, 'a finite number ≥ 0'],
    ['maxHandshakesPerSecond', { maxHandshakesPerSecond: Number.POSITIVE_INFINITY }, 'a finite number ≥ 0'],
    ['handshakeBurst', { handshakeBurst: 0 }, 'a positive integer'],
    ['inboxMaxEvents', { inboxMaxEvents: 0 }, 'a positive integer'],
    ['inboxMaxAgeMs', { inboxMaxAgeMs: -5 }, 'a positive, finite number'],
    ['dedupeWindowMs', { dedupeWindowMs: 0 }, 'a positive, finite number'],
    ['dedupeMaxPerSender', { dedupeMaxPerSender: 2.5 }, 'a positive integer'],
  ])('a bad %s is refused with ERR_INVALID_ARGUMENT naming it', (name, input, expected) => {
    expect(() => resolveLimits(input)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringContaining(`Invalid ${name}: expected ${expected}`),
      }),
    )
  })

  it('dedupeWindowMs defaults to the inbox age, handshakeBurst to the rate', () => {
    const limits = resolveLimits({ inboxMaxAgeMs: 5_000, maxHandshakesPerSecond: 7.5 })
    expect([limits.dedupeWindowMs, limits.handshakeBurst]).toEqual([5_000, 8])
  })
})
