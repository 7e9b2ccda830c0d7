import { describe, expect, it } from 'vitest'
import { flush, harness, loginAs, outcome } from './harness.js'

describe('realtime surface: messages, presence, server pings', () => {
  it('sendMessage resolves with the stored message on the ack; incoming messages reach listeners', async () => {
    const h = harness()
    const received: string[] = []
    h.engine.addMessageListener('m', {
      onTextMessageReceived: (m) => received.push(`${m.sender}:${m.text}`),
    })
    await loginAs(h.engine)
    h.last().accept()
    const p = h.engine.sendMessage('bob', 'hello')
    await flush()
    const frame = h.last().sent.at(-1) as { type: string; ref: string }
    expect(frame).toMatchObject({ type: 'send-message', receiver: 'bob', text: 'hello' })
    const message = { id: 'srv-1', sender: 'alice', receiver: 'bob', text: 'hello', sentAt: 5 }
    h.last().serverSend({ type: 'message-ack', ref: frame.ref, message })
    const r = await outcome(p)
    expect(r).toMatchObject({ ok: true, value: { id: 'srv-1', text: 'hello' } })
    h.last().serverSend({
      type: 'message',
      message: { ...message, id: 'srv-2', sender: 'bob', receiver: 'alice' },
    })
    expect(received).toEqual(['bob:hello'])
  })

  it('sendMessage while disconnected rejects ERR_NOT_CONNECTED (nothing is dropped silently)', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    expect(await outcome(h.engine.sendMessage('bob', 'hi'))).toEqual({ ok: false, code: 'ERR_NOT_CONNECTED' })
  })

  it('a server error frame for a message rejects that send with the server code in details', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const p = h.engine.sendMessage('nobody', 'hi')
    await flush()
    const ref = (h.last().sent.at(-1) as { ref: string }).ref
    h.last().serverSend({ type: 'error', code: 'ERR_UNKNOWN_RECEIVER', message: 'no such user', ref })
    expect(await outcome(p)).toEqual({ ok: false, code: 'ERR_SERVER_ERROR' })
  })

  it('an unacknowledged message rejects ERR_SEND_TIMEOUT at its send timeout, not before', async () => {
    const h = harness({ configure: (b) => b.setSendTimeout(4_000) })
    await loginAs(h.engine)
    h.last().accept()
    h.last().autoPong = true
    const p = h.engine.sendMessage('bob', 'hi')
    await flush()
    h.clock.advance(3_999)
    expect(await outcome(p)).toBe('pending')
    h.clock.advance(1)
    expect(await outcome(p)).toEqual({ ok: false, code: 'ERR_SEND_TIMEOUT' })
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_SEND_TIMEOUT')
  })

  it('presence frames reach user listeners; server pings get a pong', async () => {
    const h = harness({ configure: (b) => b.subscribePresenceForAllUsers() })
    const seen: string[] = []
    h.engine.addUserListener('u', {
      onUserOnline: (u) => seen.push(`+${u.uid}`),
      onUserOffline: (u) => seen.push(`-${u.uid}`),
    })
    await loginAs(h.engine)
    h.last().serverOpen()
    expect(h.last().sent[0]).toMatchObject({ type: 'auth', presence: true })
    h.last().serverSend({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 1,
    })
    h.last().serverSend({ type: 'presence', user: { uid: 'bob', name: 'Bob' }, status: 'online', at: 1 })
    h.last().serverSend({ type: 'presence', user: { uid: 'bob', name: 'Bob' }, status: 'offline', at: 2 })
    h.engine.removeUserListener('u')
    h.last().serverSend({ type: 'presence', user: { uid: 'carol', name: 'C' }, status: 'online', at: 3 })
    expect(seen).toEqual(['+bob', '-bob'])
    h.last().serverSend({ type: 'ping', id: 'srv-7' })
    expect(h.last().sent.at(-1)).toEqual({ type: 'pong', id: 'srv-7' })
  })

  it('snapshots are immutable and replaced only on change; subscribers are told', async () => {
    const h = harness()
    let calls = 0
    const off = h.engine.subscribe(() => calls++)
    const s0 = h.engine.getSnapshot()
    expect(Object.isFrozen(s0)).toBe(true)
    expect(h.engine.getSnapshot()).toBe(s0)
    await loginAs(h.engine)
    const s1 = h.engine.getSnapshot()
    expect(s1).not.toBe(s0)
    expect(s1).toMatchObject({
      status: 'connecting',
      mode: 'auto',
      user: { uid: 'alice' },
      intent: 'connect',
    })
    expect(s1.lastTransition).toMatchObject({ event: 'login', from: 'disconnected', to: 'connecting' })
    const before = calls
    h.last().serverSend({ type: 'throttle', feature: 'x', retryAfterMs: 1 }) // changes nothing in the snapshot
    expect(h.engine.getSnapshot()).toBe(s1)
    expect(calls).toBe(before)
    off()
    h.last().accept()
    expect(calls).toBe(before)
  })

  it('the auth token login path works and a second login replaces the first session', async () => {
    const h = harness()
    const user = await h.engine.login('tok-carol')
    expect(user.uid).toBe('carol')
    h.last().accept('carol')
    await loginAs(h.engine, 'dave')
    expect(h.sockets()[0]?.closedByClient).not.toBeNull()
    expect((await h.engine.getLoggedInUser())?.uid).toBe('dave')
  })
})
