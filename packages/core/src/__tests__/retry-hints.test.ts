import { describe, expect, it } from 'vitest'
import { harness, loginAs } from './harness.js'

// What the server says in its close frame shapes the next retry (issue "Ahead of every peer").

async function lostAfterAttempts(code: number, reason: string, random = 0.5) {
  const h = harness({ random: () => random })
  await loginAs(h.engine)
  for (let i = 0; i < 4; i++) {
    h.last().serverClose(1006) // a few failed attempts: the backoff has grown
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
  }
  h.last().accept()
  expect(h.engine.getSnapshot().reconnectAttempt).toBe(4)
  h.last().serverClose(code, reason)
  return { h, delay: h.engine.getSnapshot().nextRetryAt! - h.clock.now() }
}

describe('retry hints from the server', () => {
  it('1001 (going away) and 1012 (restarting): the next retry is drawn as a first one (a quick return is likely)', async () => {
    for (const code of [1001, 1012]) {
      const { delay, h } = await lostAfterAttempts(code, 'server restarting', 0.999)
      expect(delay).toBeLessThan(1_000) // the first backoff bound, not the grown one
      expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_WEBSOCKET_ERROR')
    }
    const { delay } = await lostAfterAttempts(1006, '', 0.999)
    expect(delay).toBeGreaterThanOrEqual(3_900) // a plain loss keeps the grown bound (4 s cap)
  })

  it('4013 "retry after N ms": the next retry is a random moment within that window, honoured over the backoff', async () => {
    const early = await lostAfterAttempts(4013, 'retry after 9000 ms', 0.1)
    expect(early.delay).toBe(900)
    const late = await lostAfterAttempts(4013, 'retry after 9000 ms', 0.9)
    expect(late.delay).toBe(8_100) // beyond the 4 s backoff cap: the server knows its load
    const noHint = await lostAfterAttempts(4013, 'busy', 0.9)
    expect(noHint.delay).toBeLessThan(4_000) // no number: ordinary backoff
  })
})
