// Per-event cost of the engine: how many events per second go through `createConnectionEngine` (the
// pure transition, the effects, the snapshot and the listeners), with the socket, clock and sources
// replaced by in-process fakes so nothing but the engine is measured.
//
//   pnpm --filter @cometchat-connection/core bench
//   BENCH_EVENTS=500000 pnpm --filter @cometchat-connection/core bench
//
// Scenarios (each after a warm-up of a tenth of its events):
//   1. incoming text messages: a `message` frame decoded, checked and handed to a message listener;
//   2. server pings: each `ping` frame answered with a `pong` sent on the socket;
//   3. manual mode, app state flapping background/foreground with a socket open (grace deadline set and
//      cancelled, no socket traffic).
// Every loop is bounded by a count. Not part of the test suite.

import { boundedInt } from '../../../scripts/bounded-int.mjs'
import {
  AppSettingsBuilder,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
} from '../dist/index.js'

const EVENTS = boundedInt('BENCH_EVENTS', 200_000, 1_000, 5_000_000)

/** A WebSocket the bench plays the server for; it only counts what the engine sends. */
class BenchSocket {
  static last = null
  readyState = 0
  sent = 0
  onopen = null
  onmessage = null
  onerror = null
  onclose = null
  constructor(url) {
    this.url = url
    BenchSocket.last = this
  }
  send() {
    this.sent++
  }
  close() {
    this.readyState = 3
  }
}

/** A clock that never fires: deadlines are armed and re-armed, as in a real engine, but never due. */
const frozenClock = () => {
  let handles = 0
  return { now: () => 1_700_000_000_000, setTimeout: () => ++handles, clearTimeout: () => {} }
}

const fetch = async (_url, init) => {
  const { uid } = JSON.parse(init.body)
  return new Response(JSON.stringify({ user: { uid, name: uid }, authToken: `tok-${uid}` }), { status: 200 })
}

async function connectedEngine(mode) {
  const appState = createControllableAppState('foreground')
  const engine = createConnectionEngine({
    appId: 'bench-app',
    settings: new AppSettingsBuilder()
      .setServerUrl('http://127.0.0.1:9')
      .autoEstablishSocketConnection(mode === 'auto')
      .build(),
    platform: {
      WebSocket: BenchSocket,
      appState,
      network: createControllableNetwork(true),
      storage: createMemoryStorage(),
      fetch,
      clock: frozenClock(),
      random: () => 0.5,
    },
  })
  await engine.login('alice', 'key')
  const connected = mode === 'auto' ? Promise.resolve() : engine.connect()
  const ws = BenchSocket.last
  ws.readyState = 1
  ws.onopen({})
  ws.onmessage({
    data: JSON.stringify({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 60_000,
    }),
  })
  await connected
  if (engine.getConnectionStatus() !== 'connected') throw new Error('the bench engine did not connect')
  return { engine, ws, appState }
}

function run(label, events, once) {
  const warm = Math.ceil(events / 10)
  for (let i = 0; i < warm; i++) once(i)
  const start = process.hrtime.bigint()
  for (let i = 0; i < events; i++) once(i)
  const ns = Number(process.hrtime.bigint() - start)
  const perSecond = Math.round(events / (ns / 1e9))
  console.log(
    `${label}: ${perSecond.toLocaleString('en-US')} events/s, ${(ns / events / 1000).toFixed(2)} µs/event (${events.toLocaleString('en-US')} events)`,
  )
  return events + warm
}

{
  const { engine, ws } = await connectedEngine('auto')
  let received = 0
  engine.addMessageListener('bench', { onTextMessageReceived: () => received++ })
  const frames = Array.from({ length: 64 }, (_, i) =>
    JSON.stringify({
      type: 'message',
      message: { id: `m${i}`, sender: 'bob', receiver: 'alice', text: `hello ${i}`, sentAt: i },
    }),
  )
  const total = run('incoming text messages', EVENTS, (i) => ws.onmessage({ data: frames[i % 64] }))
  if (received !== total) throw new Error(`expected ${total} messages at the listener, got ${received}`)
  engine.destroy()
}
{
  const { engine, ws } = await connectedEngine('auto')
  const before = ws.sent
  const frame = JSON.stringify({ type: 'ping', id: 's1' })
  const total = run('server pings answered', EVENTS, () => ws.onmessage({ data: frame }))
  if (ws.sent - before !== total) throw new Error(`expected ${total} pongs, got ${ws.sent - before}`)
  engine.destroy()
}
{
  const { engine, appState } = await connectedEngine('manual')
  run('manual mode, background/foreground with a socket', EVENTS, (i) =>
    appState.set(i % 2 ? 'foreground' : 'background'),
  )
  // Each grace period was cancelled before it ended: the socket is still the first one.
  if (engine.getConnectionStatus() !== 'connected') throw new Error('the socket should have survived')
  engine.destroy()
}
