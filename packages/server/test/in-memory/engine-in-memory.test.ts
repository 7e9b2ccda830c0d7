import {
  AppSettingsBuilder,
  type ConnectionEngine,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
} from '@cometchat-connection/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createInMemoryTransport, RealtimeServerCore } from '../../src/browser.js'

// The playground's setup: the real engine against the real protocol logic, with no network at all.

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn()
})

function setup() {
  const core = new RealtimeServerCore()
  const transport = createInMemoryTransport(core)
  cleanup.push(() => core.shutdown())
  const engineFor = (configure: (b: AppSettingsBuilder) => AppSettingsBuilder = (b) => b) => {
    const events: string[] = []
    const errors: string[] = []
    const engine = createConnectionEngine({
      appId: 'demo-app',
      settings: configure(
        new AppSettingsBuilder()
          .setServerUrl('http://playground.local')
          .setReconnectBackoff({ initialMs: 10, maxMs: 50 }),
      ).build(),
      platform: {
        WebSocket: transport.WebSocket,
        fetch: transport.fetch,
        appState: createControllableAppState(),
        network: createControllableNetwork(),
        storage: createMemoryStorage(),
      },
    })
    cleanup.unshift(() => engine.destroy())
    engine.addConnectionListener('t', {
      onConnected: () => events.push('connected'),
      onDisconnected: () => events.push('disconnected'),
      onConnectionError: (e) => {
        events.push(`error:${e.code}`)
        errors.push(e.message)
      },
    })
    return { engine, events, errors }
  }
  return { core, transport, engineFor }
}

function until(engine: ConnectionEngine, pred: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!pred()) return
      off()
      resolve()
    }
    const off = engine.subscribe(check)
    check()
  })
}

describe('engine over the in-memory transport', () => {
  it('logs in, connects, survives a drop and a stop/start, and delivers messages', async () => {
    const { core, transport, engineFor } = setup()
    const alice = engineFor()
    const bob = engineFor()
    await alice.engine.login('alice', 'demo-auth-key')
    await bob.engine.login('bob', 'demo-auth-key')
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'connected')
    await until(bob.engine, () => bob.engine.getConnectionStatus() === 'connected')
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice', 'bob'])

    transport.dropConnections()
    expect(alice.engine.getConnectionStatus()).toBe('connected') // events arrive asynchronously, like a socket
    await until(alice.engine, () => alice.events.filter((e) => e === 'connected').length === 2)
    expect(alice.events).toEqual(['connected', 'error:ERR_WEBSOCKET_ERROR', 'disconnected', 'connected'])

    transport.stop()
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'disconnected')
    // Attempts while stopped fail (error + 1006) and back off; none succeeds.
    await until(alice.engine, () => alice.engine.getSnapshot().reconnectAttempt >= 2)
    expect(alice.engine.getConnectionStatus()).not.toBe('connected')
    transport.start()
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'connected')
    await until(bob.engine, () => bob.engine.getConnectionStatus() === 'connected')

    const received = new Promise<string>((resolve) => {
      bob.engine.addMessageListener('m', {
        onTextMessageReceived: (m) => resolve(`${m.sender}:${m.text}`),
      })
    })
    const sent = await alice.engine.sendMessage('bob', 'hi bob')
    expect(sent).toMatchObject({ sender: 'alice', receiver: 'bob', text: 'hi bob' })
    expect(await received).toBe('alice:hi bob')
  })

  it('a stalled (half-open) link: the heartbeat finds it, and the engine reconnects once the stall ends', async () => {
    const { core, transport, engineFor } = setup()
    // Short heartbeat settings: silence 200 ms → ping, no pong within 200 ms → the socket is dead.
    const alice = engineFor((b) => b.setHeartbeatInterval(200).setPongTimeout(200))
    await alice.engine.login('alice', 'demo-auth-key')
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'connected')
    expect(alice.events).toEqual(['connected'])

    transport.setStalled(true)
    // Waits on the listener, not the snapshot: a 0 ms jittered retry runs in the same step as the loss, so
    // the snapshot can go from `connected` straight to `connecting` (onDisconnected still fires).
    await until(alice.engine, () => alice.events.includes('disconnected'))
    // Nothing closed the socket: the heartbeat found the silence (no 1006 close, which a drop would be).
    expect(alice.events).toEqual(['connected', 'error:ERR_WEBSOCKET_ERROR', 'disconnected'])
    expect(alice.errors).toEqual([expect.stringContaining('heartbeat: no pong')])
    // It retries at once (short backoff); the new socket's handshake is held, so it stays connecting,
    // and the server still has the old socket: it never heard the engine close it.
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'connecting')
    expect(core.connectionCount()).toBe(1)
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])

    transport.setStalled(false)
    await until(alice.engine, () => alice.engine.getConnectionStatus() === 'connected')
    expect(alice.events).toEqual(['connected', 'error:ERR_WEBSOCKET_ERROR', 'disconnected', 'connected'])
    // The held close reached the server before the new handshake: only the new socket is left.
    expect(core.connectionCount()).toBe(1)
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])
  })
})
