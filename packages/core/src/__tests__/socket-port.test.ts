import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { createControllableAppState, createControllableNetwork } from '../ports/controllable.js'
import { createMemoryStorage } from '../ports/storage.js'
import { AppSettingsBuilder } from '../settings.js'
import type { WebSocketConstructorLike } from '../types.js'
import { FakeClock, FakeSocket, fakeFetch, flush } from './harness.js'

// The socket port (ports/socket.ts): how a WebSocket implementation's failures reach the machine.
// A failure is an event like any other, delivered asynchronously (never in the middle of an effect).

function engineWith(WebSocket: WebSocketConstructorLike | undefined, mode: 'auto' | 'manual' = 'auto') {
  const clock = new FakeClock()
  const events: string[] = []
  const engine = createConnectionEngine({
    appId: 'test-app',
    settings: new AppSettingsBuilder().autoEstablishSocketConnection(mode === 'auto').build(),
    platform: {
      WebSocket,
      clock,
      fetch: fakeFetch(),
      storage: createMemoryStorage(),
      appState: createControllableAppState(),
      network: createControllableNetwork(),
      random: () => 0.5,
    },
  })
  engine.addConnectionListener('log', {
    inConnecting: () => events.push('connecting'),
    onConnected: () => events.push('connected'),
    onDisconnected: () => events.push('disconnected'),
    onConnectionError: (e) => events.push(`error:${e.code}:${JSON.stringify(e.details ?? null)}`),
  })
  return { engine, clock, events }
}

describe('the socket port', () => {
  it('a constructor that throws: a 1006 close carrying the cause, after the effect, then a retry', async () => {
    let built = 0
    class Refusing {
      constructor() {
        built++
        throw new Error('bad url')
      }
    }
    const { engine, events } = engineWith(Refusing as unknown as WebSocketConstructorLike)
    await engine.login('alice', 'demo-auth-key')
    // The failure arrives as an event on a later microtask: `connecting` was shown first.
    expect(events[0]).toBe('connecting')
    await flush()
    expect(events.slice(0, 3)).toEqual([
      'connecting',
      'error:ERR_WEBSOCKET_ERROR:{"code":1006,"reason":"Error: bad url"}',
      'disconnected',
    ])
    expect(built).toBe(1)
    expect(engine.getSnapshot().nextRetryAt).not.toBeNull() // a network-ish failure: retried
    engine.destroy()
  })

  it('no WebSocket implementation at all: one setup error naming platform.WebSocket, and no retry', async () => {
    const saved = (globalThis as { WebSocket?: unknown }).WebSocket
    ;(globalThis as { WebSocket?: unknown }).WebSocket = undefined
    try {
      const { engine, events } = engineWith(undefined)
      await engine.login('alice', 'demo-auth-key')
      await flush()
      expect(events.filter((e) => e.startsWith('error'))).toHaveLength(1)
      expect(engine.getSnapshot().lastError).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
      expect(engine.getSnapshot().lastError?.message).toContain('platform.WebSocket')
      expect(engine.getSnapshot().nextRetryAt).toBeNull()
      expect(engine.getConnectionStatus()).toBe('disconnected')
      engine.destroy()
    } finally {
      ;(globalThis as { WebSocket?: unknown }).WebSocket = saved
    }
  })

  it('a send that throws (the socket closed under it) becomes a socket error of that socket', async () => {
    let failing: FakeSocket | undefined
    class Brittle extends FakeSocket {
      override send(data: string): void {
        if (failing === this) throw new Error('closed')
        super.send(data)
      }
    }
    FakeSocket.instances = []
    const { engine, events } = engineWith(Brittle, 'manual')
    await engine.login('alice', 'demo-auth-key')
    const connected = engine.connect()
    const socket = FakeSocket.instances.at(-1)!
    socket.accept()
    await connected
    failing = socket
    const ping = engine.ping()
    ping.catch(() => {})
    await flush()
    expect(events.at(-2)).toBe('error:ERR_WEBSOCKET_ERROR:null')
    expect(events.at(-1)).toBe('disconnected')
    await expect(ping).rejects.toMatchObject({ code: 'ERR_WEBSOCKET_ERROR' })
    engine.destroy()
  })

  it('closing a socket whose close() throws is fine, and silences it: its later events reach nothing', async () => {
    class Stubborn extends FakeSocket {
      override close(): void {
        throw new Error('already closing')
      }
    }
    FakeSocket.instances = []
    const { engine, events } = engineWith(Stubborn, 'manual')
    await engine.login('alice', 'demo-auth-key')
    void engine.connect().catch(() => {})
    const socket = FakeSocket.instances.at(-1)!
    await engine.disconnect()
    const seen = events.length
    socket.serverOpen()
    socket.serverSend({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 1,
    })
    socket.serverClose(1006)
    socket.serverError()
    expect(events.length).toBe(seen)
    expect(engine.getConnectionStatus()).toBe('disconnected')
    engine.destroy()
  })
})
