// "Nothing is lost", measured (not a test): how long an engine takes to get 1,000 messages it missed
// while in the background, on loopback against the real server in a child process; and the engine's
// inbound message rate before and after the delivery work, in the same run, against an older build
// given as BENCH_BASELINE_CORE (a dist folder of @cometchat-connection/core, e.g. built from the commit
// before delivery landed). Medians of REPEATS runs.
//
//   node src/delivery-bench.mjs
//   BENCH_BASELINE_CORE=/tmp/core-before/dist node src/delivery-bench.mjs
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'

const MISSED = Number(process.env.BENCH_MISSED ?? 1000)
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5)
const INBOUND = Number(process.env.BENCH_INBOUND ?? 200_000)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function startServerProcess() {
  const child = fork(new URL('./delivery-server.mjs', import.meta.url), [], { stdio: 'inherit' })
  const [url] = await once(child, 'message')
  return { url, stop: () => child.kill() }
}

async function recoveryOnce(core, url) {
  const { AppSettingsBuilder, createConnectionEngine, createControllableAppState } = core
  const make = (appState) =>
    createConnectionEngine({
      appId: 'demo-app',
      settings: new AppSettingsBuilder().setServerUrl(url).build(),
      platform: { WebSocket, ...(appState && { appState }) },
    })
  const appState = createControllableAppState('foreground')
  const bob = make(appState)
  const alice = make()
  let received = 0
  let done = () => {}
  bob.addMessageListener('count', { onTextMessageReceived: () => ++received === MISSED && done() })
  const connected = (engine) =>
    new Promise((resolve) => {
      const check = () => engine.getConnectionStatus() === 'connected' && resolve()
      engine.subscribe(check)
      check()
    })
  await bob.login(`bob-${Math.random()}`, 'demo-auth-key')
  await alice.login(`alice-${Math.random()}`, 'demo-auth-key')
  await Promise.all([connected(bob), connected(alice)])
  const bobUid = bob.getSnapshot().user.uid
  appState.set('background') // auto mode: bob's socket closes
  const sends = []
  for (let i = 0; i < MISSED; i++) sends.push(alice.sendMessage(bobUid, `missed ${i}`))
  await Promise.all(sends) // all stored on the server
  const all = new Promise((resolve) => {
    done = resolve
  })
  const start = performance.now()
  appState.set('foreground')
  await all
  const ms = performance.now() - start
  bob.destroy()
  alice.destroy()
  return ms
}

async function inboundRate(core) {
  const {
    AppSettingsBuilder,
    createConnectionEngine,
    createControllableAppState,
    createControllableNetwork,
    createMemoryStorage,
  } = core
  class Socket {
    static last
    readyState = 0
    constructor() {
      Socket.last = this
    }
    send() {}
    close() {}
  }
  const fetch = async (_u, init) => {
    const { uid } = JSON.parse(init.body)
    return new Response(JSON.stringify({ user: { uid, name: uid }, authToken: 't' }), { status: 200 })
  }
  const engine = createConnectionEngine({
    appId: 'a',
    settings: new AppSettingsBuilder().setServerUrl('http://x').build(),
    platform: {
      WebSocket: Socket,
      fetch,
      storage: createMemoryStorage(),
      clock: { now: () => 1.7e12, setTimeout: () => 1, clearTimeout() {} },
      appState: createControllableAppState(),
      network: createControllableNetwork(),
    },
  })
  await engine.login('alice', 'k')
  Socket.last.readyState = 1
  Socket.last.onopen({})
  Socket.last.onmessage({
    data: JSON.stringify({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'alice' },
      serverTime: 0,
      idleTimeoutMs: 1,
      stream: { epoch: 'e', offset: 0 },
    }),
  })
  let n = 0
  engine.addMessageListener('x', { onTextMessageReceived: () => n++ })
  const frames = Array.from({ length: 1000 }, (_, i) =>
    JSON.stringify({
      type: 'message',
      offset: i + 1,
      message: { id: `m${i}`, sender: 'bob', receiver: 'alice', text: `hello ${i}`, sentAt: 1.7e12 + i },
    }),
  )
  // Offsets keep increasing: each pass of 1,000 frames continues the stream.
  const pass = (base) => {
    for (let i = 0; i < 1000; i++)
      Socket.last.onmessage({ data: frames[i].replace(`"offset":${i + 1}`, `"offset":${base + i + 1}`) })
  }
  let base = 0
  for (let i = 0; i < 20; i++, base += 1000) pass(base) // warm-up
  const start = performance.now()
  for (let i = 0; i < INBOUND / 1000; i++, base += 1000) pass(base)
  const rate = (INBOUND / (performance.now() - start)) * 1000
  engine.destroy()
  return n > 0 ? rate : 0
}

const current = await import('@cometchat-connection/core')
const baselineDir = process.env.BENCH_BASELINE_CORE
const baseline = baselineDir ? await import(pathToFileURL(`${baselineDir}/index.js`).href) : null
console.log(
  `machine load before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
const server = await startServerProcess()
try {
  const times = []
  for (let i = 0; i < REPEATS; i++) times.push(await recoveryOnce(current, server.url))
  console.log(
    `recovery of ${MISSED} missed messages (background -> foreground -> all delivered): median ${median(times).toFixed(0)} ms, runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  )
} finally {
  server.stop()
}
const rates = { current: [], baseline: [] }
for (let i = 0; i < REPEATS; i++) {
  rates.current.push(await inboundRate(current))
  if (baseline) rates.baseline.push(await inboundRate(baseline))
}
const fmt = (xs) => `${Math.round(median(xs)).toLocaleString('en')} messages/s`
console.log(`inbound (in process, frames with offsets): current ${fmt(rates.current)}`)
if (baseline)
  console.log(
    `inbound baseline (${baselineDir}): ${fmt(rates.baseline)}; current / baseline = ${(median(rates.current) / median(rates.baseline)).toFixed(2)}`,
  )
console.log(
  `machine load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
