import { describe, expect, it } from 'vitest'
import { harness, loginAs } from './harness.js'

// The shell's hot path for chat messages (machine/fast-path.ts) must give what the full transition
// gives. Its one timing rule: a message that arrives when a deadline is due (the timer has not fired
// yet: a throttled or frozen tab) takes the full transition, so the deadline acts first.

const message = (id: string, offset: number) => ({
  type: 'message' as const,
  message: { id, sender: 'bob', receiver: 'alice', text: 't', sentAt: 1 },
  offset,
})

describe('the hot path for chat messages', () => {
  it('a message at exactly the heartbeat deadline: the heartbeat ping goes first, as the transition does', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverSend(message('m1', 1))
    h.clock.jump(h.engine.settings.heartbeatInterval) // the timer is due but has not fired
    h.last().serverSend(message('m2', 2))
    expect(h.last().sent.map((f) => f.type)).toEqual(['auth', 'ping'])
    expect(h.engine.getLastDeliveredMessageId()).toBe('m2')
  })

  it('a message a moment before the deadline: no ping, and the silence counts from it', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.clock.jump(h.engine.settings.heartbeatInterval - 1)
    h.last().serverSend(message('m1', 1))
    expect(h.last().sent.map((f) => f.type)).toEqual(['auth'])
    h.clock.advance(h.engine.settings.heartbeatInterval - 1)
    expect(h.last().sent.map((f) => f.type)).toEqual(['auth'])
    h.clock.advance(1)
    expect(h.last().sent.map((f) => f.type)).toEqual(['auth', 'ping'])
  })
})
