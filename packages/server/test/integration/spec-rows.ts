import { ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  connectedEngine,
  createTestEngine,
  expectI1,
  rejectionCode,
  type TestEngineOptions,
} from './engine-harness.js'
import { watchPresence } from './presence-watcher.js'

// SPEC §3 rows B1–B17, end to end: the real engine, `ws` sockets (counted), the real server on
// 127.0.0.1. Each test also checks I1 (never a socket constructed while another is open or opening).
// The same rows run against one in-memory server (spec-rows.test.ts) and a cluster of server processes
// on Redis behind a balancer (spec-rows-cluster.test.ts): the engine must not see a difference.

/** The server a run of the rows talks to, and what the rows do to it. */
export interface ServerUnderTest {
  /** The http base URL clients use. */
  readonly url: string
  /** The WebSocket URL. */
  readonly socketUrl: string
  /** Users online (on every process). */
  onlineUids(): Promise<string[]>
  /** Open sockets (on every process). */
  connectionCount(): Promise<number>
  /** Cuts every socket's TCP connection (every process). */
  dropConnections(): Promise<void>
  /** Revokes a token (on one process; every process closes its sockets). */
  revokeToken(token: string): Promise<boolean>
  /** Sends a throttle notice to `uid`'s sockets (every process); resolves how many got it. */
  sendThrottleNotice(uid: string): Promise<number>
}

/** Describes every row against the servers `start` makes (a fresh one per test). */
export function describeSpecRows(name: string, start: () => Promise<ServerUnderTest>): void {
  describe(name, () => {
    /** Manual mode with the background grace period (`setBackgroundTimeout`) a row needs. */
    const manualWithGrace = (ms: number): TestEngineOptions => ({
      mode: 'manual',
      configure: (b) => b.setBackgroundTimeout(ms),
    })

    describe('SPEC §5 login against the server', () => {
      it('a wrong key, an unknown appId or a bad token reject with a CometChatException (ERR_AUTH_FAILED)', async () => {
        const server = await start()
        const t = await createTestEngine(server.url)
        const other = await createTestEngine(server.url, { appId: 'other-app' })
        for (const attempt of [
          t.engine.login('alice', 'wrong-key'),
          other.engine.login('alice', 'demo-auth-key'),
          t.engine.login('0'.repeat(64)),
        ]) {
          await expect(attempt).rejects.toMatchObject({
            name: 'CometChatException',
            code: ErrorCodes.AUTH_FAILED,
          })
        }
        expect(t.storage.size).toBe(0)
        expect(t.counting.count() + other.counting.count()).toBe(0)
      })

      it('login with an auth token (from an earlier login) restores the same user', async () => {
        const server = await start()
        const first = await createTestEngine(server.url)
        await first.engine.login('alice', 'demo-auth-key')
        const token = first.savedToken() ?? ''
        const second = await createTestEngine(server.url)
        expect(await second.engine.login(token)).toMatchObject({ uid: 'alice', name: 'alice' })
        await second.status('connected')
      })
    })

    describe('B1 login', () => {
      it('auto: the user is saved, then the socket opens and authenticates', async () => {
        const server = await start()
        const t = await createTestEngine(server.url)
        const user = await t.engine.login('alice', 'demo-auth-key')
        expect(user).toMatchObject({ uid: 'alice', name: 'alice' })
        expect(t.storage.size).toBe(1)
        await t.status('connected')
        expect(t.savedBeforeSocket).toEqual([true])
        expect(t.counting.count()).toBe(1)
        expect(await server.onlineUids()).toEqual(['alice'])
        expect(t.events).toEqual(['connecting', 'connected'])
        expectI1(t)
      })

      it('auto: logging in while in the background or offline opens the socket only once both hold', async () => {
        const server = await start()
        const t = await createTestEngine(server.url, { appState: 'background' })
        t.network.set(false)
        await t.engine.login('alice', 'demo-auth-key')
        expect(t.counting.count()).toBe(0)
        t.appState.set('foreground')
        expect(t.counting.count()).toBe(0)
        t.network.set(true)
        await t.status('connected')
        expect(t.counting.count()).toBe(1)
        expectI1(t)
      })

      it('manual: the user is saved and no socket opens', async () => {
        const server = await start()
        const t = await createTestEngine(server.url, { mode: 'manual' })
        await t.engine.login('alice', 'demo-auth-key')
        expect(t.storage.size).toBe(1)
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.counting.count()).toBe(0)
        expect(await server.connectionCount()).toBe(0)
      })
    })

    describe('B2 init with a saved session', () => {
      it('auto: a new engine on the same storage restores the session and connects', async () => {
        const server = await start()
        const first = await connectedEngine(server.url)
        first.engine.destroy()
        const second = await createTestEngine(server.url, { storage: first.storage })
        expect(await second.engine.getLoggedInUser()).toMatchObject({ uid: 'alice' })
        await second.status('connected')
        expect(second.counting.count()).toBe(1)
        expectI1(second)
      })

      it('manual: the session is restored, no socket opens', async () => {
        const server = await start()
        const first = await connectedEngine(server.url, { mode: 'manual' })
        first.engine.destroy()
        const second = await createTestEngine(server.url, { mode: 'manual', storage: first.storage })
        expect(await second.engine.getLoggedInUser()).toMatchObject({ uid: 'alice' })
        expect(second.counting.count()).toBe(0)
        expect(second.engine.getConnectionStatus()).toBe('disconnected')
      })
    })

    describe('B3 logout', () => {
      it.each(['auto', 'manual'] as const)(
        '%s: socket closed, session removed, no reconnect',
        async (mode) => {
          const server = await start()
          const watcher = await watchPresence(server)
          const t = await connectedEngine(server.url, { mode })
          await watcher.until('alice', 'online')
          await t.engine.logout()
          expect(t.engine.getConnectionStatus()).toBe('disconnected')
          // The session is gone (the engine may keep the user's stream position: it is per user, not a session).
          expect(t.savedToken()).toBeNull()
          expect(await t.engine.getLoggedInUser()).toBeNull()
          await watcher.until('alice', 'offline')
          expect(t.engine.getSnapshot().nextRetryAt).toBeNull()
          expect(t.counting.count()).toBe(1)
          expectI1(t)
        },
      )
    })

    describe('B4 background', () => {
      it('auto: the socket closes immediately', async () => {
        const server = await start()
        const watcher = await watchPresence(server)
        const t = await connectedEngine(server.url)
        t.appState.set('background')
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        await watcher.until('alice', 'offline')
        expect(t.counting.count()).toBe(1)
      })

      it('manual: the socket stays until backgroundTimeout passes with no ping', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, manualWithGrace(300))
        const wentBackground = Date.now()
        t.appState.set('background')
        expect(t.engine.getConnectionStatus()).toBe('connected')
        expect(t.engine.getSnapshot().backgroundDeadline).toBeGreaterThan(wentBackground)
        await t.status('disconnected')
        expect(Date.now() - wentBackground).toBeGreaterThanOrEqual(290)
        expect(t.counting.count()).toBe(1)
      })
    })

    describe('B5 ping in the background', () => {
      it('auto: ping rejects ERROR_PING_NOT_AVAILABLE in every app state', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        expect(await rejectionCode(t.engine.ping())).toBe(ErrorCodes.PING_NOT_AVAILABLE)
        t.appState.set('background')
        expect(await rejectionCode(t.engine.ping())).toBe(ErrorCodes.PING_NOT_AVAILABLE)
      })

      it("manual: ping resolves on the server's pong and pushes the background deadline", async () => {
        const server = await start()
        const t = await connectedEngine(server.url, manualWithGrace(300))
        const wentBackground = Date.now()
        t.appState.set('background')
        // Time passing is the scenario here (not a synchronisation stand-in): three pings 150 ms apart keep
        // the socket alive past the 300 ms grace period, each one moving the deadline.
        let lastPingAt = wentBackground
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 150))
          lastPingAt = Date.now()
          await t.engine.ping()
          expect(t.engine.getSnapshot().backgroundDeadline).toBeGreaterThanOrEqual(lastPingAt + 300)
        }
        expect(Date.now() - wentBackground).toBeGreaterThan(300)
        expect(t.engine.getConnectionStatus()).toBe('connected')
        await t.status('disconnected')
        expect(Date.now() - lastPingAt).toBeGreaterThanOrEqual(290)
        expect(t.counting.count()).toBe(1)
      })
    })

    describe('B6 back to the foreground', () => {
      it('auto: the socket reopens', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        t.appState.set('background')
        t.appState.set('foreground')
        await t.status('connected')
        expect(t.counting.count()).toBe(2)
        expectI1(t)
      })

      it('manual: the deadline is cancelled and the same socket stays', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, manualWithGrace(5_000))
        t.appState.set('background')
        t.appState.set('foreground')
        expect(t.engine.getSnapshot().backgroundDeadline).toBeNull()
        expect(t.engine.getConnectionStatus()).toBe('connected')
        expect(t.counting.count()).toBe(1)
      })

      it('manual: a socket closed in the background stays closed until connect()', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, manualWithGrace(100))
        t.appState.set('background')
        await t.status('disconnected')
        t.appState.set('foreground')
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.engine.getSnapshot().nextRetryAt).toBeNull()
        expect(t.counting.count()).toBe(1)
        await t.engine.connect()
        expect(t.counting.count()).toBe(2)
        expectI1(t)
      })
    })

    describe('B7 connection lost in the foreground', () => {
      it.each(['auto', 'manual'] as const)(
        '%s: reconnects with backoff after the server drops every socket',
        async (mode) => {
          const server = await start()
          const t = await connectedEngine(server.url, { mode })
          const mark = t.events.length
          await server.dropConnections()
          await t.event('connected', 2)
          expect(t.eventsSince(mark)).toEqual([
            'error:ERR_WEBSOCKET_ERROR',
            'disconnected',
            'connecting',
            'connected',
          ])
          expect(t.counting.count()).toBe(2)
          expectI1(t)
        },
      )

      it('auto: an online event retries at once', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        t.network.set(false)
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        t.network.set(true)
        expect(t.engine.getConnectionStatus()).toBe('connecting')
        await t.status('connected')
        expectI1(t)
      })
    })

    describe('B8 connection lost in the background', () => {
      it('manual: stays closed; the app must call connect()', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, manualWithGrace(30_000))
        t.appState.set('background')
        await server.dropConnections()
        await t.status('disconnected')
        expect(t.engine.getSnapshot().nextRetryAt).toBeNull()
        t.appState.set('foreground')
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.counting.count()).toBe(1)
        await t.engine.connect()
        expect(t.counting.count()).toBe(2)
      })

      it('auto: closed anyway in the background, and nothing reopens it there', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        t.appState.set('background')
        await server.dropConnections()
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.engine.getSnapshot().nextRetryAt).toBeNull()
        expect(t.counting.count()).toBe(1)
      })
    })

    describe('B9–B11 connect()', () => {
      it('B9 auto: connect() lifts a disconnect() suspension and connects now', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        await t.engine.disconnect()
        await t.engine.connect()
        expect(t.engine.getConnectionStatus()).toBe('connected')
        expect(t.counting.count()).toBe(2)
      })

      it('B10: connect() when connected rejects ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, { mode: 'manual' })
        expect(await rejectionCode(t.engine.connect())).toBe('ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE')
        expect(t.counting.count()).toBe(1)
      })

      it('B11: connect() while a connect is in flight joins it; never a second socket', async () => {
        const server = await start()
        const t = await createTestEngine(server.url, { mode: 'manual' })
        await t.engine.login('alice', 'demo-auth-key')
        const outcomes = await Promise.all([t.engine.connect(), t.engine.connect(), t.engine.connect()])
        expect(outcomes).toEqual([undefined, undefined, undefined])
        expect(t.counting.count()).toBe(1)
        expectI1(t)
      })
    })

    describe('B12–B13 preconditions', () => {
      it('B12: connect() / ping() without a logged-in user reject ERR_NOT_LOGGED_IN', async () => {
        const server = await start()
        const t = await createTestEngine(server.url, { mode: 'manual' })
        expect(await rejectionCode(t.engine.connect())).toBe(ErrorCodes.NOT_LOGGED_IN)
        expect(await rejectionCode(t.engine.ping())).toBe(ErrorCodes.NOT_LOGGED_IN)
        expect(t.counting.count()).toBe(0)
      })

      it('B13: connect() / ping() while offline reject ERR_NO_INTERNET; no socket opens offline', async () => {
        const server = await start()
        const t = await createTestEngine(server.url, { mode: 'manual' })
        await t.engine.login('alice', 'demo-auth-key')
        t.network.set(false)
        expect(await rejectionCode(t.engine.connect())).toBe(ErrorCodes.NO_INTERNET)
        expect(await rejectionCode(t.engine.ping())).toBe(ErrorCodes.NO_INTERNET)
        expect(t.counting.count()).toBe(0)
      })
    })

    describe('B14 disconnect()', () => {
      it('auto: closes and suspends automatic connection until connect() or a new login', async () => {
        const server = await start()
        const watcher = await watchPresence(server)
        const t = await connectedEngine(server.url)
        await t.engine.disconnect()
        await watcher.until('alice', 'offline')
        t.network.set(false)
        t.network.set(true)
        t.appState.set('background')
        t.appState.set('foreground')
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.counting.count()).toBe(1)
        await t.engine.login('alice', 'demo-auth-key')
        await t.status('connected')
        expect(t.counting.count()).toBe(2)
        expectI1(t)
      })

      it('manual: nothing reopens it but connect()', async () => {
        const server = await start()
        const t = await connectedEngine(server.url, { mode: 'manual' })
        await t.engine.disconnect()
        t.network.set(false)
        t.network.set(true)
        expect(t.engine.getConnectionStatus()).toBe('disconnected')
        expect(t.counting.count()).toBe(1)
        await t.engine.connect()
        expect(t.counting.count()).toBe(2)
      })
    })

    describe('B15–B17 server-driven events', () => {
      it('B15: an unexpected close reports ERR_WEBSOCKET_ERROR, then onDisconnected, then reconnects', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        const mark = t.events.length
        await server.dropConnections()
        await t.event('disconnected', 1)
        expect(t.eventsSince(mark).slice(0, 2)).toEqual(['error:ERR_WEBSOCKET_ERROR', 'disconnected'])
        await t.event('connected', 2)
      })

      it('B16: a revoked token ends with its own error code, the session cleared, no reconnect loop', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        const token = t.savedToken()
        expect(token).toMatch(/^[0-9a-f]{64}$/)
        await server.revokeToken(token ?? '')
        await t.event(`error:${ErrorCodes.AUTH_TOKEN_INVALID}`)
        await t.status('disconnected')
        expect(t.savedToken()).toBeNull()
        expect(t.engine.getSnapshot().user).toBeNull()
        expect(t.engine.getSnapshot().nextRetryAt).toBeNull()
        expect(t.counting.count()).toBe(1)
        expect(t.events.filter((e) => e === 'connecting')).toHaveLength(1)
      })

      it('B17: a throttle notice reaches onFeatureThrottled', async () => {
        const server = await start()
        const t = await connectedEngine(server.url)
        expect(await server.sendThrottleNotice('alice')).toBe(1)
        await t.event('throttled')
        expect(t.engine.getConnectionStatus()).toBe('connected')
      })
    })
  })
}
