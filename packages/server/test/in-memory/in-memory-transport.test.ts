import { CloseCodes, type ServerFrame, socketUrlFor, type WebSocketLike } from '@cometchat-connection/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createInMemoryTransport, RealtimeServerCore } from '../../src/browser.js'

const BASE = 'http://playground.local'
const SOCKET_URL = socketUrlFor(BASE, 'demo-app')

/** Records a socket's events in order; resolves promises as they arrive. */
function watch(ws: WebSocketLike) {
  const events: string[] = []
  const frames: ServerFrame[] = []
  let onFrame: (() => void) | undefined
  const opened = new Promise<void>((resolve) => {
    ws.onopen = () => {
      events.push('open')
      resolve()
    }
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.onclose = (ev) => {
      events.push(`close:${ev.code}`)
      resolve({ code: ev.code, reason: ev.reason })
    }
  })
  ws.onerror = () => events.push('error')
  ws.onmessage = (ev) => {
    frames.push(JSON.parse(String(ev.data)) as ServerFrame)
    onFrame?.()
  }
  const frame = (type: ServerFrame['type']) =>
    new Promise<ServerFrame>((resolve) => {
      const check = () => {
        const found = frames.find((f) => f.type === type)
        if (found) resolve(found)
        else onFrame = check
      }
      check()
    })
  return { events, frames, opened, closed, frame }
}

async function login(transport: ReturnType<typeof createInMemoryTransport>, uid: string): Promise<string> {
  const res = await transport.fetch(`${BASE}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid, authKey: 'demo-auth-key' }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { authToken: string }).authToken
}

/** Logs alice in, opens a socket and authenticates it: the socket and its watcher, after auth-ok. */
async function authenticated(transport: ReturnType<typeof createInMemoryTransport>) {
  const token = await login(transport, 'alice')
  const ws = new transport.WebSocket(SOCKET_URL)
  const w = watch(ws)
  await w.opened
  ws.send(JSON.stringify({ type: 'auth', v: 1, authToken: token }))
  await w.frame('auth-ok')
  return { ws, w }
}

const cores: RealtimeServerCore[] = []
// Shutting the core down clears its auth/idle timers, so nothing outlives the test.
afterEach(() => {
  for (const core of cores.splice(0)) core.shutdown()
  vi.useRealTimers()
})

function setup() {
  const core = new RealtimeServerCore()
  cores.push(core)
  return { core, transport: createInMemoryTransport(core) }
}

describe('in-memory transport', () => {
  it('fetch routes /v1/* to the HTTP API, with status, headers and JSON', async () => {
    const { transport } = setup()
    const ok = await transport.fetch(`${BASE}/v1/health`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe('*')
    expect(await ok.json()).toEqual({ ok: true, protocol: 1 })
    const bad = await transport.fetch('/v1/login', { method: 'POST', body: '{' })
    expect(bad.status).toBe(400)
  })

  it('a socket opens asynchronously, authenticates, pings, and closes cleanly', async () => {
    const { transport, core } = setup()
    const token = await login(transport, 'alice')
    const ws = new transport.WebSocket(SOCKET_URL)
    const w = watch(ws)
    expect(ws.readyState).toBe(0)
    expect(() => ws.send('x')).toThrow(/CONNECTING/)
    await w.opened
    expect(ws.readyState).toBe(1)
    ws.send(JSON.stringify({ type: 'auth', v: 1, authToken: token }))
    expect(await w.frame('auth-ok')).toMatchObject({ user: { uid: 'alice' } })
    ws.send(JSON.stringify({ type: 'ping', id: 'p1' }))
    expect(await w.frame('pong')).toEqual({ type: 'pong', id: 'p1' })
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])
    ws.close(1000, 'bye')
    expect(ws.readyState).toBe(2)
    expect(await w.closed).toEqual({ code: 1000, reason: 'bye' })
    expect(ws.readyState).toBe(3)
    expect(core.onlineUsers()).toEqual([])
    expect(transport.connectionCount()).toBe(0)
  })

  it('delivers a message from one in-memory socket to another', async () => {
    const { transport } = setup()
    const a = watch(new transport.WebSocket(SOCKET_URL))
    const bSocket = new transport.WebSocket(SOCKET_URL)
    const b = watch(bSocket)
    const aSocket = new transport.WebSocket(SOCKET_URL)
    const a2 = watch(aSocket)
    await Promise.all([a.opened, b.opened, a2.opened])
    bSocket.send(JSON.stringify({ type: 'auth', v: 1, authToken: await login(transport, 'bob') }))
    aSocket.send(JSON.stringify({ type: 'auth', v: 1, authToken: await login(transport, 'alice') }))
    await Promise.all([b.frame('auth-ok'), a2.frame('auth-ok')])
    aSocket.send(JSON.stringify({ type: 'send-message', ref: 'r', receiver: 'bob', text: 'hi' }))
    expect(await b.frame('message')).toMatchObject({ message: { sender: 'alice', text: 'hi' } })
    expect(await a2.frame('message-ack')).toMatchObject({ ref: 'r' })
  })

  it('the server closing (auth timeout path) reaches the client with its code', async () => {
    const { transport } = setup()
    const ws = new transport.WebSocket(SOCKET_URL)
    const w = watch(ws)
    await w.opened
    ws.send('{"type":"ping","id":"1"}')
    expect(await w.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'authenticate first' })
  })

  it('an unknown app opens, then closes 4004, like a real server', async () => {
    const { transport } = setup()
    const w = watch(new transport.WebSocket(socketUrlFor(BASE, 'nope')))
    expect((await w.closed).code).toBe(CloseCodes.UNKNOWN_APP)
    expect(w.events).toEqual(['open', 'close:4004'])
  })

  it('a wrong path is refused: error, then close 1006, never open', async () => {
    const { transport } = setup()
    const w = watch(new transport.WebSocket('ws://playground.local/v1/other?appId=demo-app'))
    expect((await w.closed).code).toBe(1006)
    expect(w.events).toEqual(['error', 'close:1006'])
  })

  it('dropConnections: the client sees error then 1006, the server forgets the socket at once', async () => {
    const { transport, core } = setup()
    const { w } = await authenticated(transport)
    transport.dropConnections()
    expect(core.connectionCount()).toBe(0)
    expect(await w.closed).toEqual({ code: 1006, reason: '' })
    expect(w.events).toEqual(['open', 'error', 'close:1006'])
  })

  it('stop refuses new sockets and HTTP; start brings it back', async () => {
    const { transport } = setup()
    const before = watch(new transport.WebSocket(SOCKET_URL))
    await before.opened
    transport.stop()
    expect(transport.isRunning()).toBe(false)
    expect((await before.closed).code).toBe(1006)
    const refused = watch(new transport.WebSocket(SOCKET_URL))
    expect((await refused.closed).code).toBe(1006)
    expect(refused.events).toEqual(['error', 'close:1006'])
    await expect(transport.fetch(`${BASE}/v1/health`)).rejects.toThrow(TypeError)
    transport.start()
    const after = watch(new transport.WebSocket(SOCKET_URL))
    await after.opened
    expect(transport.connectionCount()).toBe(1)
    expect((await transport.fetch(`${BASE}/v1/health`)).status).toBe(200)
  })

  it('closing while connecting fails the socket like a browser (error + 1006), and the server never sees it', async () => {
    const { transport, core } = setup()
    const ws = new transport.WebSocket(SOCKET_URL)
    const w = watch(ws)
    ws.close()
    expect((await w.closed).code).toBe(1006)
    expect(w.events).toEqual(['error', 'close:1006'])
    expect(core.connectionCount()).toBe(0)
  })

  it('close() validates its code and reason like a browser', async () => {
    const { transport } = setup()
    const ws = new transport.WebSocket(SOCKET_URL)
    expect(() => ws.close(1001)).toThrow(/close code/)
    expect(() => ws.close(1000, 'x'.repeat(124))).toThrow(/123/)
    ws.close(4000)
  })

  it('frames the server sent before closing arrive before the close event', async () => {
    const { transport, core } = setup()
    const { w } = await authenticated(transport)
    core.sendThrottleNotice()
    core.shutdown()
    expect((await w.closed).code).toBe(CloseCodes.GOING_AWAY)
    expect(w.frames.map((f) => f.type)).toEqual(['auth-ok', 'throttle'])
  })

  it('rejects an aborted fetch with AbortError', async () => {
    const { transport } = setup()
    const controller = new AbortController()
    controller.abort()
    await expect(transport.fetch(`${BASE}/v1/health`, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})

describe('in-memory transport: a stalled (half-open) link', () => {
  // Not delivering is the point here, so these tests run the transport's timers on a fake clock and
  // advance it well past every delivery (latency 0: each is due on the next tick) instead of waiting.
  const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const pastEveryDelivery = () => vi.advanceTimersByTimeAsync(1_000)

  it('holds frames both ways with no error or close; unstalling delivers them in order', async () => {
    const { transport, core } = setup()
    const { ws, w } = await authenticated(transport)
    fakeTimers()
    ws.send(JSON.stringify({ type: 'ping', id: 'p1' })) // in flight when the stall starts: held too
    transport.setStalled(true)
    expect(transport.isStalled()).toBe(true)
    expect(core.sendThrottleNotice('alice')).toBe(1) // server → client
    await pastEveryDelivery()
    expect(w.frames.map((f) => f.type)).toEqual(['auth-ok'])
    expect(w.events).toEqual(['open'])
    expect(ws.readyState).toBe(1)
    expect(transport.connectionCount()).toBe(1)
    expect(core.connectionCount()).toBe(1)

    transport.setStalled(false)
    expect(transport.isStalled()).toBe(false)
    await pastEveryDelivery()
    // The held ping reached the server (which answered it) and the held notice reached the client.
    expect(w.frames.map((f) => f.type)).toEqual(['auth-ok', 'throttle', 'pong'])
    ws.send(JSON.stringify({ type: 'ping', id: 'p2' }))
    await pastEveryDelivery()
    expect(w.frames.at(-1)).toEqual({ type: 'pong', id: 'p2' })
    expect(w.events).toEqual(['open'])
  })

  it('holds handshakes: a new socket stays CONNECTING, a closed one CLOSING, until the stall ends', async () => {
    const { transport, core } = setup()
    const { ws: old, w: oldWatch } = await authenticated(transport)
    fakeTimers()
    transport.setStalled(true)
    const fresh = new transport.WebSocket(SOCKET_URL)
    const freshWatch = watch(fresh)
    old.close(1000, 'gave up')
    await pastEveryDelivery()
    expect(fresh.readyState).toBe(0)
    expect(freshWatch.events).toEqual([])
    expect(old.readyState).toBe(2)
    expect(oldWatch.events).toEqual(['open'])
    // The server never heard the close, nor the new socket: it still has the old one, and alice online.
    expect(core.connectionCount()).toBe(1)
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])

    transport.setStalled(false)
    await pastEveryDelivery()
    expect(fresh.readyState).toBe(1)
    expect(freshWatch.events).toEqual(['open'])
    expect(await oldWatch.closed).toEqual({ code: 1000, reason: 'gave up' })
    expect(core.connectionCount()).toBe(1)
    expect(core.onlineUsers()).toEqual([])
  })

  it('a socket closed while its handshake is held fails locally, and the server never sees it', async () => {
    const { transport, core } = setup()
    fakeTimers()
    transport.setStalled(true)
    const ws = new transport.WebSocket(SOCKET_URL)
    const w = watch(ws)
    ws.close()
    await pastEveryDelivery()
    expect(w.events).toEqual(['error', 'close:1006'])
    transport.setStalled(false)
    await pastEveryDelivery()
    expect(core.connectionCount()).toBe(0)
    expect(w.events).toEqual(['error', 'close:1006'])
  })

  it('dropConnections still breaks a stalled socket at once (error, then 1006)', async () => {
    const { transport, core } = setup()
    const { w } = await authenticated(transport)
    fakeTimers()
    transport.setStalled(true)
    transport.dropConnections()
    expect(core.connectionCount()).toBe(0)
    await pastEveryDelivery()
    expect(w.events).toEqual(['open', 'error', 'close:1006'])
    expect(transport.isStalled()).toBe(true)
  })
})
