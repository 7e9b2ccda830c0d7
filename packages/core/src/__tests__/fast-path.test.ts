import { describe, expect, it } from 'vitest'
import { flush, harness, loginAs, outcome } from './harness.js'

// The shell's hot path for chat messages (machine/fast-path.ts) must give what the full transition
// gives. Its one timing rule: a message that arrives when a deadline is due (the timer has not fired
// yet: a throttled or frozen tab) takes the full transition, so the deadline acts first.

const message = (id: string, offset: number) => ({
  type: 'message' as const,
  message: { id, sender: 'bob', receiver: 'alice', text: 't', sentAt: 1 },
  offset,
})

/** The types of the frames the engine sent on its last socket, in order. */
const sentTypes = (h: ReturnType<typeof harness>) => h.last().sent.map((f) => f.type)

describe('the hot path for chat messages', () => {
  it('a message at exactly the heartbeat deadline: the heartbeat ping goes first, as the transition does', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverSend(message('m1', 1))
    h.clock.jump(h.engine.settings.heartbeatInterval) // the timer is due but has not fired
    h.last().serverSend(message('m2', 2))
    expect(sentTypes(h)).toEqual(['auth', 'ping'])
    expect(h.engine.getLastDeliveredMessageId()).toBe('m2')
  })

  it('a message a moment before the deadline: no ping, and the silence counts from it', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.clock.jump(h.engine.settings.heartbeatInterval - 1)
    h.last().serverSend(message('m1', 1))
    expect(sentTypes(h)).toEqual(['auth'])
    h.clock.advance(h.engine.settings.heartbeatInterval - 1)
    expect(sentTypes(h)).toEqual(['auth'])
    h.clock.advance(1)
    expect(sentTypes(h)).toEqual(['auth', 'ping'])
  })
})

// The hot path for sends (transition.ts `quickSend`) must give what the full transition gives: the
// same frames in the same order, the same deadlines, the same snapshot.
describe('the hot path for sends', () => {
  it('a send on the open socket goes on the wire at once, is counted as pending, and its ack settles it', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const before = h.engine.getSnapshot()
    const sent = h.engine.sendMessage('bob', 'hi')
    expect(sentTypes(h)).toEqual(['auth', 'send-message'])
    const snapshot = h.engine.getSnapshot()
    expect(snapshot).not.toBe(before)
    expect(snapshot.pendingSends).toBe(1)
    const frame = h.last().sent[1] as { ref: string }
    const message = { id: frame.ref, sender: 'alice', receiver: 'bob', text: 'hi', sentAt: 1 }
    h.last().serverSend({ type: 'message-ack', ref: frame.ref, message })
    expect(await outcome(sent)).toMatchObject({ ok: true, value: { id: frame.ref, text: 'hi' } })
    expect(h.engine.getSnapshot().pendingSends).toBe(0)
  })

  it('subscribers hear of a send that took the hot path', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const seen: number[] = []
    h.engine.subscribe(() => seen.push(h.engine.getSnapshot().pendingSends))
    void h.engine.sendMessage('bob', 'one')
    void h.engine.sendMessage('bob', 'two')
    expect(seen).toEqual([1, 2])
  })

  it('a send whose deadline comes before every other one re-arms the timer: it times out on time', async () => {
    const h = harness({ configure: (b) => b.setSendTimeout(1_000) }) // earlier than the heartbeat
    await loginAs(h.engine)
    h.last().accept()
    const first = h.engine.sendMessage('bob', 'one')
    h.clock.advance(500)
    const second = h.engine.sendMessage('bob', 'two') // its deadline is later than the first's
    h.clock.advance(500)
    expect(await outcome(first)).toEqual({ ok: false, code: 'ERR_SEND_TIMEOUT' })
    expect(await outcome(second)).toBe('pending')
    h.clock.advance(500)
    expect(await outcome(second)).toEqual({ ok: false, code: 'ERR_SEND_TIMEOUT' })
  })

  it('a send at exactly the heartbeat deadline: the heartbeat ping goes first, as the transition does', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    void h.engine.sendMessage('bob', 'one') // the outbox's deadline is later than the heartbeat's
    h.clock.jump(h.engine.settings.heartbeatInterval) // the timer is due but has not fired
    void h.engine.sendMessage('bob', 'two')
    expect(sentTypes(h)).toEqual(['auth', 'send-message', 'ping', 'send-message'])
  })

  it('a send from a listener during a step does not overtake the sends that step puts on the wire', async () => {
    const h = harness()
    await loginAs(h.engine)
    void h.engine.sendMessage('bob', 'queued while connecting')
    h.engine.addConnectionListener('app', {
      onConnected: () => void h.engine.sendMessage('bob', 'sent from onConnected'),
    })
    h.last().accept()
    await flush()
    const texts = h.last().sent.flatMap((f) => (f.type === 'send-message' ? [f.text] : []))
    expect(texts).toEqual(['queued while connecting', 'sent from onConnected'])
  })

  it('a send while the socket is still opening waits in the outbox, not on the wire', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().serverOpen() // authenticating: not open yet
    void h.engine.sendMessage('bob', 'hi')
    expect(sentTypes(h)).toEqual(['auth'])
    expect(h.engine.getSnapshot().pendingSends).toBe(1)
  })
})
