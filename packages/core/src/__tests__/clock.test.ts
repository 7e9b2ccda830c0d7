import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { realClock } from '../ports/clock.js'
import { createControllableAppState, createControllableNetwork } from '../ports/controllable.js'
import { createMemoryStorage } from '../ports/storage.js'
import { AppSettingsBuilder } from '../settings.js'
import { FakeSocket, fakeFetch, flush } from './harness.js'

// The system clock is the one real thing a test cannot move: vitest's fake timers stand in for
// `Date`, `performance` and the timers (no `queueMicrotask`: promises run for real).
const HOUR = 3_600_000

describe('the real clock never goes back (D30)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('moves with the wall clock, counts a forward jump (sleep), and ignores a jump back', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'] })
    const clock = realClock()
    const t0 = clock.now()
    vi.advanceTimersByTime(1_000)
    expect(clock.now() - t0).toBe(1_000)
    vi.setSystemTime(Date.now() - HOUR) // the user or NTP sets the clock back
    expect(clock.now() - t0).toBe(1_000)
    vi.advanceTimersByTime(500) // time still passes, by the monotonic clock
    expect(clock.now() - t0).toBe(1_500)
    vi.setSystemTime(Date.now() + 60_000) // a laptop that slept a minute (the wall clock counts sleep)
    expect(clock.now() - t0).toBe(61_500)
  })

  it('a wall clock set back an hour does not stretch the heartbeat: the half-open socket is still found in time', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] })
    FakeSocket.instances = []
    const engine = createConnectionEngine({
      appId: 'test-app',
      settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:4455').build(),
      platform: {
        WebSocket: FakeSocket,
        appState: createControllableAppState('foreground'),
        network: createControllableNetwork(true),
        storage: createMemoryStorage(),
        fetch: fakeFetch(),
        random: () => 0.5,
      }, // no clock: the engine's own real clock
    })
    const errors: string[] = []
    engine.addConnectionListener('log', { onConnectionError: (e) => errors.push(e.message) })
    await engine.login('alice', 'demo-auth-key')
    const socket = FakeSocket.instances[0]!
    socket.accept()
    expect(engine.getConnectionStatus()).toBe('connected')

    vi.setSystemTime(Date.now() - HOUR)
    vi.advanceTimersByTime(15_000) // the heartbeat interval, by the timers
    expect(socket.sent.map((f) => f.type)).toEqual(['auth', 'ping'])
    vi.advanceTimersByTime(10_000) // the pong timeout: the server never answers
    await flush()
    expect(engine.getConnectionStatus()).not.toBe('connected')
    expect(errors.at(-1)).toMatch(/heartbeat/)
    engine.destroy()
  })
})
