// The playground's model against the in-page server (the server's real protocol logic, no network).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlaygroundController, type PlaygroundController } from '../controller.js'

let c: PlaygroundController
const until = (check: () => void, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 10 })
const status = () => c.getState().snapshot.status
const kinds = () => c.getState().timeline.map((e) => `${e.kind}:${e.text}`)

function start(options: Parameters<typeof createPlaygroundController>[0] = {}) {
  c = createPlaygroundController({ latencyMs: 0, ...options })
  c.start()
  return c
}

afterEach(() => c?.dispose())

describe('playground controller', () => {
  it('opens nothing before start(): constructing it is free (StrictMode renders twice)', () => {
    c = createPlaygroundController({ latencyMs: 0 })
    expect(c.getState().snapshot.status).toBe('disconnected')
    expect(c.getState().timeline).toEqual([])
    expect(c.getState().transport).toBe('in-page')
  })

  it('logs the second user in on start', async () => {
    start()
    await until(() => expect(c.getState().peerSnapshot.status).toBe('connected'))
    expect(c.getState().peerSnapshot.user?.uid).toBe('bob')
  })

  it('auto mode: login connects, background disconnects at once, foreground reconnects', async () => {
    start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.setAppState('background')
    expect(status()).toBe('disconnected')
    c.setAppState('foreground')
    await until(() => expect(status()).toBe('connected'))
    expect(kinds()).toContain('environment:app state: background')
  })

  it('manual mode: the mode switch re-creates the engine, which restores the session without a socket', async () => {
    start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.setMode('manual')
    expect(c.getState().engineGeneration).toBe(2)
    await until(() => expect(c.getState().snapshot.user?.uid).toBe('alice'))
    expect(status()).toBe('disconnected')
    await c.connect()
    expect(status()).toBe('connected')
  })

  it('manual mode: a short background timeout disconnects after it, and a ping pushes the deadline', async () => {
    start({ mode: 'manual' })
    c.setBackgroundTimeout(300)
    await c.login()
    await c.connect()
    c.setAppState('background')
    const first = c.getState().snapshot.backgroundDeadline!
    expect(first).toBeGreaterThan(Date.now())
    // Time passing is the scenario here (not a synchronisation stand-in): ping halfway through the grace.
    await new Promise((r) => setTimeout(r, 150))
    await c.ping()
    expect(c.getState().snapshot.backgroundDeadline!).toBeGreaterThan(first)
    await until(() => expect(Date.now()).toBeGreaterThan(first + 50))
    expect(status()).toBe('connected')
    await until(() => expect(status()).toBe('disconnected'))
    expect(c.getState().snapshot.backgroundDeadline).toBeNull()
  })

  it('rejects a background timeout under 100 ms and keeps the engine', () => {
    start()
    expect(() => c.setBackgroundTimeout(50)).toThrow(RangeError)
    expect(c.getState().engineGeneration).toBe(1)
  })

  it('offline: connect() fails with ERR_NO_INTERNET, shown as the last error and in the timeline', async () => {
    start({ mode: 'manual' })
    await c.login()
    c.setOnline(false)
    await c.connect()
    expect(c.getState().lastError?.code).toBe('ERR_NO_INTERNET')
    expect(c.getState().timeline.find((e) => e.kind === 'error')).toMatchObject({
      code: 'ERR_NO_INTERNET',
      text: expect.stringContaining('connect() → ERR_NO_INTERNET'),
    })
  })

  it('messages and presence arrive only while connected; missed messages are caught up on reconnect', async () => {
    start()
    await until(() => expect(c.getState().peerSnapshot.status).toBe('connected'))
    await c.login()
    await until(() => expect(c.getState().presence.bob).toBe('online'))
    await c.peerSendMessage()
    await until(() => expect(c.getState().inbox).toHaveLength(1))
    expect(c.getState().inbox[0]).toMatchObject({ from: 'bob', to: 'alice' })

    await c.disconnect()
    await c.peerSendMessage()
    expect(c.getState().peerSentCount).toBe(2)
    await c.peerLogout()
    // bob's socket is gone once his engine says so; the server sent his offline notice by then
    await until(() => expect(c.getState().peerSnapshot.status).toBe('disconnected'))
    expect(c.getState().inbox).toHaveLength(1)
    expect(c.getState().presence.bob).toBe('online') // the offline notice went nowhere

    await c.connect()
    // Back online: the message bob sent while alice was disconnected is caught up from her inbox.
    await until(() => expect(c.getState().inbox).toHaveLength(2))
    await c.sendMessage() // bob is logged out: stored, not delivered
    expect(c.getState().peerInbox).toHaveLength(0)
    await c.peerLogin() // his inbox catches him up on login
    await until(() => expect(c.getState().peerInbox).toHaveLength(1))
    await c.sendMessage()
    await until(() => expect(c.getState().peerInbox).toHaveLength(2))
    expect(c.getState().peerInbox.map((m) => m.from)).toEqual(['alice', 'alice'])
  })

  it('server controls: drop → reconnect with backoff; stop → retries scheduled; start → connected', async () => {
    start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.dropConnections()
    await until(() => expect(c.getState().lastError?.code).toBe('ERR_WEBSOCKET_ERROR'))
    await until(() => expect(status()).toBe('connected'))

    c.stopServer()
    expect(c.getState().serverRunning).toBe(false)
    await until(() => expect(c.getState().snapshot.nextRetryAt).not.toBeNull())
    c.startServer()
    await until(() => expect(status()).toBe('connected'), 10_000)
  })

  it('throttle notice: onFeatureThrottled appears in the timeline', async () => {
    start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.sendThrottleNotice()
    await until(() => expect(kinds()).toContain('server:onFeatureThrottled: the server throttled a feature'))
  })

  it('auto-ping pings by itself in manual mode while connected', async () => {
    start({ mode: 'manual', autoPingIntervalMs: 100 })
    await c.login()
    await c.connect()
    c.setAutoPing(true)
    await until(() => expect(kinds()).toContain('action:ping() (auto) ✓'))
  })

  it('dispose() destroys both engines; start() again works (StrictMode effect replay)', async () => {
    start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.dispose()
    c.start()
    await until(() => expect(status()).toBe('connected'))
    await until(() => expect(c.getState().peerSnapshot.status).toBe('connected'))
  })

  it('a real server URL is used as given and has no fault controls', () => {
    c = createPlaygroundController({ serverUrl: 'http://127.0.0.1:9' })
    expect(c.getState()).toMatchObject({ transport: 'server', serverUrl: 'http://127.0.0.1:9' })
    c.dropConnections()
    expect(c.getState().timeline).toEqual([])
  })
})
