import { describe, expect, it } from 'vitest'
import { flush, harness, loginAs, outcome } from './harness.js'

describe('invariants', () => {
  it('I1 at most one socket is open or opening, even under connect() storms and flapping', async () => {
    const h = harness({ random: () => 0 })
    await loginAs(h.engine)
    for (let i = 0; i < 5; i++) void h.engine.connect().catch(() => {})
    h.network.set(false)
    h.network.set(true)
    h.appState.set('background')
    h.appState.set('foreground')
    for (let i = 0; i < 5; i++) void h.engine.connect().catch(() => {})
    expect(h.openSockets()).toHaveLength(1)
  })

  it('I1 a late event from an old socket never touches the new one', async () => {
    const h = harness()
    await loginAs(h.engine)
    const old = h.last()
    old.accept()
    h.appState.set('background')
    h.appState.set('foreground')
    const fresh = h.last()
    expect(fresh).not.toBe(old)
    // the old socket's handlers were detached when it was closed: late events go nowhere
    old.serverSend({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 1,
    })
    old.serverClose(1006)
    expect(h.engine.getConnectionStatus()).toBe('connecting')
    fresh.accept()
    expect(h.engine.getConnectionStatus()).toBe('connected')
  })

  it('I2 listeners see status changes in order, never the same status twice in a row', async () => {
    const h = harness({ random: () => 0 })
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverError()
    h.last().serverClose(1006)
    h.clock.advance(0)
    h.last().serverClose(1006)
    h.clock.advance(1000)
    h.last().accept()
    const statuses = h.events.filter((e) => !e.startsWith('error'))
    for (let i = 1; i < statuses.length; i++) expect(statuses[i]).not.toBe(statuses[i - 1])
    // random() = 0 makes every backoff delay 0: each loss is followed at once by a new attempt
    expect(statuses).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connecting',
      'disconnected',
      'connecting',
      'disconnected',
      'connecting',
      'connected',
    ])
  })

  it('I3 after logout no timer, socket or platform subscription is left', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    expect(h.appState.subscriberCount()).toBe(1)
    expect(h.network.subscriberCount()).toBe(1)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    void h.engine.ping().catch(() => {})
    expect(h.clock.pending).toBeGreaterThan(0)
    await h.engine.logout()
    await flush() // the token's revocation (best effort, not awaited by logout) answers
    expect(h.clock.pending).toBe(0)
    expect(h.openSockets()).toHaveLength(0)
    expect(h.appState.subscriberCount()).toBe(0)
    expect(h.network.subscriberCount()).toBe(0)
  })

  it('I3 after destroy() no timer, socket, subscription or listener is left; calls reject clearly', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    let notified = 0
    h.engine.subscribe(() => notified++)
    h.engine.destroy()
    expect(h.clock.pending).toBe(0)
    expect(h.openSockets()).toHaveLength(0)
    expect(h.appState.subscriberCount()).toBe(0)
    expect(h.network.subscriberCount()).toBe(0)
    const before = h.events.length
    const n = notified
    h.appState.set('background')
    expect(h.events.length).toBe(before)
    expect(notified).toBe(n)
    expect(await outcome(h.engine.connect())).toEqual({ ok: false, code: 'ERR_ENGINE_DESTROYED' })
    expect(await outcome(h.engine.login('bob', 'demo-auth-key'))).toEqual({
      ok: false,
      code: 'ERR_ENGINE_DESTROYED',
    })
    expect(() => h.engine.addConnectionListener('x', {})).toThrow(/destroyed/)
    h.engine.destroy() // idempotent
  })

  it('I4 every pending promise settles when the socket goes away (a send waits for the next one)', async () => {
    const h = harness({ mode: 'manual', configure: (b) => b.setSendTimeout(20_000) })
    await loginAs(h.engine)
    const connecting = h.engine.connect()
    await flush()
    await h.engine.disconnect()
    expect(await outcome(connecting)).toEqual({ ok: false, code: 'ERR_CANCELLED' })
    void h.engine.connect()
    h.last().accept()
    const ping = h.engine.ping()
    const send = h.engine.sendMessage('bob', 'hi')
    await flush()
    h.last().serverClose(1006)
    expect(await outcome(ping)).toEqual({ ok: false, code: 'ERR_WEBSOCKET_ERROR' })
    // The send is retried on the next connection; with none in time it fails at its own deadline.
    expect(await outcome(send)).toBe('pending')
    h.clock.advance(20_000)
    expect(await outcome(send)).toEqual({ ok: false, code: 'ERR_SEND_TIMEOUT' })
  })

  it('I3 a logout whose revocation request hangs leaves no timer once the request deadline passed', async () => {
    const h = harness({ configure: (b) => b.setHttpTimeout(5_000), hangLogout: true })
    await loginAs(h.engine)
    h.last().accept()
    await h.engine.logout()
    await flush()
    expect(h.fetch.calls.at(-1)?.url).toMatch(/\/v1\/logout$/)
    expect(h.clock.pending).toBe(1) // the revocation's deadline, nothing else
    h.clock.advance(5_000)
    expect(h.clock.pending).toBe(0)
  })

  it('I4 a connect attempt that never completes rejects at its connect timeout', async () => {
    const h = harness({ mode: 'manual', configure: (b) => b.setConnectTimeout(3_000) })
    await loginAs(h.engine)
    const c = h.engine.connect()
    await flush()
    h.last().serverOpen() // the auth answer never comes
    h.clock.advance(2_999)
    expect(await outcome(c)).toBe('pending')
    h.clock.advance(1)
    expect(await outcome(c)).toEqual({ ok: false, code: 'ERR_WEBSOCKET_ERROR' })
  })

  it('I5 callbacks and the promise report the same outcome', async () => {
    const h = harness()
    const seen: string[] = []
    const p = h.engine.ping({ onSuccess: () => seen.push('ok'), onError: (e) => seen.push(e.code) })
    const r = await outcome(p)
    expect(seen).toEqual(['ERROR_PING_NOT_AVAILABLE'])
    expect(r).toEqual({ ok: false, code: 'ERROR_PING_NOT_AVAILABLE' })
    const user = await h.engine.login('alice', 'demo-auth-key', { onSuccess: (u) => seen.push(u.uid) })
    expect(seen.at(-1)).toBe(user.uid)
  })
})

describe('heartbeat and backoff', () => {
  it('a half-open socket is detected within heartbeatInterval + pongTimeout of silence', async () => {
    const h = harness({ configure: (b) => b.setHeartbeatInterval(15_000).setPongTimeout(10_000) })
    await loginAs(h.engine)
    h.last().accept()
    h.clock.advance(15_000)
    expect(h.last().sent.at(-1)?.type).toBe('ping')
    h.clock.advance(9_999)
    expect(h.engine.getConnectionStatus()).toBe('connected')
    h.clock.advance(1)
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    expect(h.events).toContain('error:ERR_WEBSOCKET_ERROR')
  })

  it('any frame from the server re-arms the heartbeat (no ping while traffic flows)', async () => {
    const h = harness({ configure: (b) => b.setHeartbeatInterval(15_000) })
    await loginAs(h.engine)
    h.last().accept()
    for (let i = 0; i < 10; i++) {
      h.clock.advance(10_000)
      h.last().serverSend({ type: 'presence', user: { uid: 'bob', name: 'bob' }, status: 'online', at: i })
    }
    expect(h.last().sent.filter((f) => f.type === 'ping')).toHaveLength(0)
    expect(h.engine.getConnectionStatus()).toBe('connected')
  })

  it('backoff grows ×2 to the 4 s cap with full jitter and resets after a stable connection', async () => {
    const h = harness({ random: () => 0.999999 })
    await loginAs(h.engine)
    const bounds: number[] = []
    for (let i = 0; i < 9; i++) {
      h.last().serverClose(1006)
      const at = h.engine.getSnapshot().nextRetryAt
      if (at === null) throw new Error('no retry scheduled')
      bounds.push(Math.ceil((at - h.clock.now()) / 100) * 100)
      h.clock.advance(at - h.clock.now())
    }
    expect(bounds).toEqual([1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000])
    expect(h.engine.getSnapshot().reconnectAttempt).toBe(9)
    h.last().accept()
    h.last().autoPong = true
    h.clock.advance(10_000)
    expect(h.engine.getSnapshot().reconnectAttempt).toBe(0)
  })

  it('jitter spreads clients that reached the cap', async () => {
    const delays = new Set<number>()
    for (const r of [0.1, 0.4, 0.7]) {
      const h = harness({ random: () => r })
      await loginAs(h.engine)
      for (let i = 0; i < 8; i++) {
        h.last().serverClose(1006)
        h.clock.advance((h.engine.getSnapshot().nextRetryAt ?? 0) - h.clock.now())
      }
      h.last().serverClose(1006)
      delays.add((h.engine.getSnapshot().nextRetryAt ?? 0) - h.clock.now())
    }
    expect(delays.size).toBe(3)
  })

  it('auto mode: no retries in the background', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverClose(1006)
    h.appState.set('background')
    expect(h.engine.getSnapshot().nextRetryAt).toBeNull()
    h.clock.advance(600_000)
    expect(h.sockets()).toHaveLength(1)
  })
})
