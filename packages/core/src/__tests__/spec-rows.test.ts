import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { createMemoryStorage } from '../ports/storage.js'
import { CloseCodes } from '../protocol.js'
import { FakeSocket, flush, harness, loginAs, outcome } from './harness.js'

describe('SPEC §3 rows', () => {
  it('B1 auto: login saves the user, then opens the socket', async () => {
    const storage = createMemoryStorage()
    const h = harness({ storage })
    const user = await loginAs(h.engine)
    expect(user.uid).toBe('alice')
    expect(user).toEqual({ uid: 'alice', name: 'alice' })
    expect(storage.size).toBe(1)
    expect(h.sockets()).toHaveLength(1)
    expect(h.last().url).toBe('ws://127.0.0.1:4455/v1/ws?appId=test-app')
    h.last().serverOpen()
    // the token travels in the first frame, never in the URL
    expect(h.last().sent[0]).toEqual({ type: 'auth', v: 1, authToken: 'tok-alice', presence: false })
    expect(h.last().url).not.toContain('tok-alice')
    h.last().serverSend({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 1,
    })
    expect(h.engine.getConnectionStatus()).toBe('connected')
    expect(h.events).toEqual(['connecting', 'connected'])
  })

  it('B1 auto: login while in background or offline opens the socket as soon as both hold', async () => {
    const h = harness({ appState: 'background', online: false })
    await loginAs(h.engine)
    expect(h.sockets()).toHaveLength(0)
    h.appState.set('foreground')
    expect(h.sockets()).toHaveLength(0)
    h.network.set(true)
    expect(h.sockets()).toHaveLength(1)
  })

  it('B1 manual: login saves the user and opens no socket', async () => {
    const storage = createMemoryStorage()
    const h = harness({ mode: 'manual', storage })
    await loginAs(h.engine)
    expect(storage.size).toBe(1)
    h.clock.advance(120_000)
    expect(h.sockets()).toHaveLength(0)
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
  })

  it('B2 auto: init() with a saved session restores it and connects', async () => {
    const storage = createMemoryStorage()
    const first = harness({ storage })
    await loginAs(first.engine)
    first.engine.destroy()
    const h = harness({ storage })
    expect(await h.engine.init()).toBe(true)
    expect((await h.engine.getLoggedInUser())?.uid).toBe('alice')
    expect(h.sockets()).toHaveLength(1)
    h.last().accept()
    expect(h.engine.getConnectionStatus()).toBe('connected')
  })

  it('B2 manual: init() with a saved session restores it and opens no socket', async () => {
    const storage = createMemoryStorage()
    const first = harness({ mode: 'manual', storage })
    await loginAs(first.engine)
    first.engine.destroy()
    const h = harness({ mode: 'manual', storage })
    expect(await h.engine.init()).toBe(true)
    expect(h.engine.getSnapshot().user?.uid).toBe('alice')
    expect(h.sockets()).toHaveLength(0)
  })

  it('B2: init() resolves true with no saved session, and ignores a corrupt one', async () => {
    const storage = createMemoryStorage()
    storage.setItem('cometchat-connection:test-app:session', '{not json')
    const h = harness({ storage })
    expect(await h.engine.init()).toBe(true)
    expect(await h.engine.getLoggedInUser()).toBeNull()
    expect(storage.size).toBe(0)
  })

  it.each(['auto', 'manual'] as const)(
    'B3 %s: logout closes the socket, removes the session, no reconnect',
    async (mode) => {
      const storage = createMemoryStorage()
      const h = harness({ mode, storage })
      await loginAs(h.engine)
      if (mode === 'manual') void h.engine.connect()
      h.last().accept()
      await h.engine.logout()
      expect(h.last().closedByClient?.code).toBe(1000)
      expect(storage.size).toBe(0)
      expect(await h.engine.getLoggedInUser()).toBeNull()
      h.clock.advance(300_000)
      expect(h.sockets()).toHaveLength(1)
      expect(h.clock.pending).toBe(0)
      expect(h.events.at(-1)).toBe('disconnected')
    },
  )

  it('B4 auto: background closes the socket immediately', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.appState.set('background')
    expect(h.last().closedByClient).not.toBeNull()
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    h.clock.advance(60_000)
    expect(h.sockets()).toHaveLength(1)
  })

  it('B4 manual: background keeps the socket until the deadline, then closes it', async () => {
    const h = harness({ mode: 'manual', configure: (b) => b.setBackgroundTimeout(30_000) })
    await loginAs(h.engine)
    const connected = h.engine.connect()
    h.last().accept()
    await connected
    h.appState.set('background')
    expect(h.engine.getSnapshot().backgroundDeadline).toBe(h.clock.now() + 30_000)
    h.clock.advance(29_999)
    expect(h.engine.getConnectionStatus()).toBe('connected')
    h.clock.advance(1)
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    expect(h.last().closedByClient).not.toBeNull()
    expect(h.engine.getSnapshot().backgroundDeadline).toBeNull()
  })

  it('B4 manual: a frozen tab that resumes after the deadline closes at once (deadline, not countdown)', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    h.clock.jump(5 * 60_000) // no timer fired: the tab was frozen
    h.appState.set('foreground')
    // B6: the deadline passed while in the background, so the socket is closed and stays closed
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    expect(h.sockets()).toHaveLength(1)
  })

  it('B5 auto: ping rejects ERROR_PING_NOT_AVAILABLE in every app state', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    expect(await outcome(h.engine.ping())).toEqual({ ok: false, code: 'ERROR_PING_NOT_AVAILABLE' })
    h.appState.set('background')
    expect(await outcome(h.engine.ping())).toEqual({ ok: false, code: 'ERROR_PING_NOT_AVAILABLE' })
  })

  it('B5 manual: ping sends a frame, resolves on the pong and pushes the deadline', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    h.clock.advance(20_000)
    const ping = h.engine.ping()
    await flush()
    const frame = h.last().sent.at(-1)
    expect(frame?.type).toBe('ping')
    expect(h.engine.getSnapshot().backgroundDeadline).toBe(h.clock.now() + 30_000)
    expect(await outcome(ping)).toBe('pending')
    h.last().serverSend({ type: 'pong', id: (frame as { id: string }).id })
    expect(await outcome(ping)).toEqual({ ok: true, value: undefined })
    h.clock.advance(29_000) // 49 s after backgrounding: alive thanks to the ping
    expect(h.engine.getConnectionStatus()).toBe('connected')
    h.clock.advance(1_000)
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
  })

  it('B5 manual: a ping with no pong rejects ERR_PING_TIMEOUT and the dead socket is dropped', async () => {
    const h = harness({ mode: 'manual', configure: (b) => b.setPongTimeout(5_000) })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    const ping = h.engine.ping()
    await flush()
    h.clock.advance(5_000)
    expect(await outcome(ping)).toEqual({ ok: false, code: 'ERR_PING_TIMEOUT' })
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
  })

  it('B6 auto: foreground reopens the socket', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.appState.set('background')
    h.appState.set('foreground')
    expect(h.sockets()).toHaveLength(2)
    h.last().accept()
    expect(h.events).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected'])
  })

  it('B6 manual: foreground cancels the deadline and keeps the socket', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    h.clock.advance(10_000)
    h.appState.set('foreground')
    expect(h.engine.getSnapshot().backgroundDeadline).toBeNull()
    h.last().autoPong = true // a healthy server answers the heartbeat
    h.clock.advance(60_000)
    expect(h.engine.getConnectionStatus()).toBe('connected')
    expect(h.sockets()).toHaveLength(1)
  })

  it('B6 manual: a socket closed in the background stays closed in the foreground until connect()', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.appState.set('background')
    h.clock.advance(30_000)
    h.appState.set('foreground')
    h.clock.advance(120_000)
    expect(h.sockets()).toHaveLength(1)
    const c = h.engine.connect()
    await flush()
    h.last().accept()
    expect(await outcome(c)).toEqual({ ok: true, value: undefined })
    expect(h.sockets()).toHaveLength(2)
  })

  it('B7 auto: a lost connection reconnects with backoff; `online` retries at once', async () => {
    const h = harness({ random: () => 0.999 })
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverClose(1006)
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    const retryAt = h.engine.getSnapshot().nextRetryAt
    expect(retryAt).toBe(h.clock.now() + 999) // full jitter × 1,000 ms bound
    h.clock.advance(998)
    expect(h.sockets()).toHaveLength(1)
    h.clock.advance(1)
    expect(h.sockets()).toHaveLength(2)
    h.last().serverClose(1006) // attempt fails: next bound is 2,000 ms
    expect(h.engine.getSnapshot().nextRetryAt).toBe(h.clock.now() + 1_998)
    h.network.set(false)
    expect(h.engine.getSnapshot().nextRetryAt).toBeNull()
    h.clock.advance(60_000)
    expect(h.sockets()).toHaveLength(2) // no socket while offline
    h.network.set(true)
    expect(h.sockets()).toHaveLength(3) // at once
  })

  it('B7 manual: reconnects in the foreground after a connect(); not after disconnect()', async () => {
    const h = harness({ mode: 'manual', random: () => 0 })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.last().serverClose(1006)
    h.clock.advance(0)
    expect(h.sockets()).toHaveLength(2)
    h.last().accept()
    await h.engine.disconnect()
    h.clock.advance(60_000)
    expect(h.sockets()).toHaveLength(2)
  })

  it('B7: a network drop while connected closes the socket and reconnects on `online`', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    h.network.set(false)
    expect(h.events.slice(-2)).toEqual(['error:ERR_NO_INTERNET', 'disconnected'])
    h.network.set(true)
    expect(h.sockets()).toHaveLength(2)
  })

  it.each(['auto', 'manual'] as const)(
    'B8 %s: a connection lost in the background stays closed',
    async (mode) => {
      const h = harness({ mode })
      await loginAs(h.engine)
      if (mode === 'manual') void h.engine.connect()
      h.last().accept()
      h.appState.set('background')
      if (mode === 'manual') h.last().serverClose(1006)
      h.clock.advance(300_000)
      expect(h.sockets()).toHaveLength(1)
      if (mode === 'manual') {
        h.appState.set('foreground')
        h.clock.advance(60_000)
        expect(h.sockets()).toHaveLength(1) // the app must call connect()
      }
    },
  )

  it('B9 auto: connect() lifts a disconnect() suspension and connects now', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    await h.engine.disconnect()
    h.appState.set('background')
    h.appState.set('foreground')
    expect(h.sockets()).toHaveLength(1) // still suspended
    const c = h.engine.connect()
    await flush()
    expect(h.sockets()).toHaveLength(2)
    h.last().accept()
    expect(await outcome(c)).toEqual({ ok: true, value: undefined })
  })

  it('B9 auto: connect() during a backoff wait skips the wait', async () => {
    const h = harness({ random: () => 0.9 })
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverClose(1006)
    expect(h.engine.getSnapshot().nextRetryAt).not.toBeNull()
    void h.engine.connect()
    await flush()
    expect(h.sockets()).toHaveLength(2)
    expect(h.engine.getSnapshot().nextRetryAt).toBeNull()
  })

  it('B9 manual: connect() opens the socket and resolves once connected', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    const c = h.engine.connect()
    await flush()
    expect(h.engine.getConnectionStatus()).toBe('connecting')
    expect(await outcome(c)).toBe('pending')
    h.last().accept()
    expect(await outcome(c)).toEqual({ ok: true, value: undefined })
  })

  it.each(['auto', 'manual'] as const)('B10 %s: connect() when connected rejects ALLREADY', async (mode) => {
    const h = harness({ mode })
    await loginAs(h.engine)
    if (mode === 'manual') void h.engine.connect()
    h.last().accept()
    expect(await outcome(h.engine.connect())).toEqual({
      ok: false,
      code: 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE',
    })
  })

  it('B11: connect() while a connect is in flight joins it (one socket, same outcome)', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    const a = h.engine.connect()
    const b = h.engine.connect()
    await flush()
    expect(h.sockets()).toHaveLength(1)
    h.last().serverClose(1006)
    expect(await outcome(a)).toEqual({ ok: false, code: 'ERR_WEBSOCKET_ERROR' })
    expect(await outcome(b)).toEqual({ ok: false, code: 'ERR_WEBSOCKET_ERROR' })
  })

  it('B12: connect()/ping() with no logged-in user reject ERR_NOT_LOGGED_IN', async () => {
    const h = harness({ mode: 'manual' })
    expect(await outcome(h.engine.connect())).toEqual({ ok: false, code: 'ERR_NOT_LOGGED_IN' })
    expect(await outcome(h.engine.ping())).toEqual({ ok: false, code: 'ERR_NOT_LOGGED_IN' })
    expect(h.sockets()).toHaveLength(0)
  })

  it('B13: connect()/ping() while offline reject ERR_NO_INTERNET', async () => {
    const h = harness({ mode: 'manual', online: false })
    await loginAs(h.engine)
    expect(await outcome(h.engine.connect())).toEqual({ ok: false, code: 'ERR_NO_INTERNET' })
    expect(await outcome(h.engine.ping())).toEqual({ ok: false, code: 'ERR_NO_INTERNET' })
    expect(h.sockets()).toHaveLength(0)
  })

  it('B14 auto: disconnect() closes and suspends until connect() or a new login', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    await h.engine.disconnect()
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
    h.network.set(false)
    h.network.set(true)
    h.clock.advance(120_000)
    expect(h.sockets()).toHaveLength(1)
    await loginAs(h.engine, 'bob')
    expect(h.sockets()).toHaveLength(2)
  })

  it('B14 manual: disconnect() closes; nothing but connect() reopens it', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    void h.engine.connect()
    h.last().accept()
    await h.engine.disconnect()
    h.appState.set('background')
    h.appState.set('foreground')
    h.network.set(false)
    h.network.set(true)
    h.clock.advance(120_000)
    expect(h.sockets()).toHaveLength(1)
  })

  it('B15: an unexpected close reports ERR_WEBSOCKET_ERROR, then disconnected, then retries', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverError()
    expect(h.events).toEqual(['connecting', 'connected', 'error:ERR_WEBSOCKET_ERROR', 'disconnected'])
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_WEBSOCKET_ERROR')
    h.last().serverClose(1006) // the close that follows the error is the same socket: ignored
    expect(h.events).toHaveLength(4)
    h.clock.advance(500)
    expect(h.sockets()).toHaveLength(2)
  })

  it('B16: an invalid token closes with its own code, clears the session, no reconnect loop', async () => {
    const storage = createMemoryStorage()
    const h = harness({ storage })
    await loginAs(h.engine)
    h.last().serverOpen()
    h.last().serverClose(CloseCodes.AUTH_FAILED, 'token revoked')
    expect(h.events).toEqual(['connecting', 'error:ERR_AUTH_TOKEN_INVALID', 'disconnected'])
    await flush()
    expect(storage.size).toBe(0)
    expect(await h.engine.getLoggedInUser()).toBeNull()
    h.clock.advance(600_000)
    expect(h.sockets()).toHaveLength(1)
    expect(h.clock.pending).toBe(0)
  })

  it('B17: a throttle notice calls onFeatureThrottled', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverSend({ type: 'throttle', feature: 'messages', retryAfterMs: 1000 })
    expect(h.events.at(-1)).toBe('throttled')
    expect(h.engine.getConnectionStatus()).toBe('connected')
  })
})

describe('errors of §4 carry a code and a message that says what to do', () => {
  it('each seed code has its constant', () => {
    expect(ErrorCodes.ALREADY_CONNECTED).toBe('ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE')
    expect(ErrorCodes.PING_NOT_AVAILABLE).toBe('ERROR_PING_NOT_AVAILABLE')
    expect(ErrorCodes.NOT_LOGGED_IN).toBe('ERR_NOT_LOGGED_IN')
    expect(ErrorCodes.WEBSOCKET_ERROR).toBe('ERR_WEBSOCKET_ERROR')
    expect(ErrorCodes.NO_INTERNET).toBe('ERR_NO_INTERNET')
  })

  it('a rejection is a CometChatException with a helpful message', async () => {
    const h = harness()
    const error = await h.engine.ping().catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'CometChatException', code: 'ERROR_PING_NOT_AVAILABLE' })
    expect((error as Error).message).toMatch(/autoEstablishSocketConnection\(false\)/)
  })
})

export { FakeSocket }
