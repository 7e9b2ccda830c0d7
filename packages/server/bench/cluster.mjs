// The server on one process in memory, one process on Redis and two processes on Redis (the load
// spread over them round-robin; the engines of the restart scenarios go through the balancer), on
// loopback, with the same load; then, on the two-process cluster, a kill -9
// (how long until the killed process's users are offline) and Redis restarts (with and without its
// data: how long until every client is back, and what the clients saw).
//
//   pnpm --filter @cometchat-connection/server bench:cluster
//   BENCH_CONNECTIONS=2000 BENCH_LOGINS=1000 BENCH_CLIENTS=200 BENCH_SECONDS=5 BENCH_ENGINES=100 …
//
// Needs the built server and Debian's redis-server. Every loop is bounded by a count or a deadline.
// Not part of the test suite: it prints numbers.
import { execFileSync } from 'node:child_process'
import { AppSettingsBuilder, createConnectionEngine } from '@cometchat-connection/core'
import { WebSocket } from 'ws'
import { boundedInt } from '../../../scripts/bounded-int.mjs'
import { startTcpBalancer } from '../dist/index.js'
import { startRedis } from './redis-process.mjs'
import { CURRENT_CLI, login, openSocket, startServerProcess } from './server-process.mjs'

const CONNECTIONS = boundedInt('BENCH_CONNECTIONS', 2_000, 1, 10_000)
const LOGINS = boundedInt('BENCH_LOGINS', 1_000, 1, 10_000)
const CLIENTS = boundedInt('BENCH_CLIENTS', 200, 2, 2_000)
const SECONDS = boundedInt('BENCH_SECONDS', 5, 1, 10)
const WINDOW = boundedInt('BENCH_WINDOW', 8, 1, 64)
const LATENCY_MESSAGES = boundedInt('BENCH_LATENCY_MESSAGES', 1_000, 10, 10_000)
const ENGINES = boundedInt('BENCH_ENGINES', 100, 1, 1_000)
const PRESENCE_TTL = boundedInt('BENCH_PRESENCE_TTL', 15_000, 300, 60_000)
const FAIL_MS = 30_000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const percentile = (sorted, p) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const wsUrl = (url) => `${url.replace('http', 'ws')}/v1/ws?appId=demo-app`

/** Waits until `check()` holds, polling every 5 ms, at most FAIL_MS. */
async function until(check, what) {
  const failAt = performance.now() + FAIL_MS
  while (!check()) {
    if (performance.now() > failAt) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

/** A raw authenticated socket recording its frames. */
async function client(url, token, presence = false) {
  const ws = await openSocket(wsUrl(url))
  const c = { ws, frames: [], onFrame: null, closed: null }
  ws.on('close', (code) => {
    c.closed = code
  })
  ws.on('error', () => {})
  await new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data))
      if (frame.type === 'auth-ok') resolve()
      c.frames.push(frame)
      c.onFrame?.(frame)
    })
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)))
    ws.send(JSON.stringify({ type: 'auth', v: 1, authToken: token, ...(presence ? { presence: true } : {}) }))
  })
  return c
}

function rssMb(pid) {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024
  } catch {
    return 0
  }
}

/** Starts a setup: processes (on Redis or not) and, for several, a balancer. */
async function setup(name, processes, redis) {
  const args = ['--max-handshakes-per-second', '0', '--presence-ttl', String(PRESENCE_TTL)]
  const servers = await Promise.all(
    Array.from({ length: processes }, () =>
      startServerProcess(CURRENT_CLI, redis ? ['--redis', redis.url, ...args] : args.slice(0, 2)),
    ),
  )
  const balancer =
    processes > 1
      ? await startTcpBalancer({ targets: servers.map((s) => ({ port: Number(new URL(s.url).port) })) })
      : null
  const url = balancer ? `http://127.0.0.1:${balancer.port}` : servers[0].url
  return {
    name,
    servers,
    url,
    // The load phases spread clients over the processes themselves, round-robin, as the balancer does:
    // the balancer runs in this process and would share the load generator's CPU.
    urlFor: (i) => servers[i % servers.length].url,
    async stop() {
      await balancer?.close()
      await Promise.all(
        servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.stop()),
      )
    },
  }
}

async function loginsPerSecond(s) {
  const started = performance.now()
  const tokens = []
  for (let i = 0; i < LOGINS; i += 50) {
    const batch = Array.from({ length: Math.min(50, LOGINS - i) }, (_, j) =>
      login(s.urlFor(i + j), `user-${i + j}`),
    )
    tokens.push(...(await Promise.all(batch)))
  }
  return { tokens, rate: (LOGINS / (performance.now() - started)) * 1000 }
}

async function connectionsHeld(s, tokens) {
  const started = performance.now()
  const clients = []
  for (let i = 0; i < CONNECTIONS; i += 100) {
    const batch = Array.from({ length: Math.min(100, CONNECTIONS - i) }, (_, j) =>
      client(s.urlFor(i + j), tokens[(i + j) % tokens.length]),
    )
    clients.push(...(await Promise.all(batch)))
  }
  const rate = (CONNECTIONS / (performance.now() - started)) * 1000
  await sleep(1_000)
  const held = clients.filter((c) => c.closed === null).length
  const rss = s.servers.map((srv) => rssMb(srv.child.pid))
  for (const c of clients) c.ws.close(1000)
  await until(() => clients.every((c) => c.closed !== null), 'the held sockets to close')
  return { held, rate, rss }
}

async function messagesPerSecond(s) {
  const uids = Array.from({ length: CLIENTS }, (_, i) => `msg-${i}`)
  const tokens = await Promise.all(uids.map((uid, i) => login(s.urlFor(i), uid)))
  const stats = { delivered: 0, sent: 0, acked: 0 }
  const clients = []
  for (const [i, token] of tokens.entries()) clients.push(await client(s.urlFor(i), token))
  const deadline = performance.now() + SECONDS * 1000
  let ref = 0
  for (const c of clients) {
    c.inFlight = 0
    const pump = () => {
      while (c.inFlight < WINDOW && performance.now() < deadline) {
        c.inFlight++
        stats.sent++
        const receiver = uids[Math.floor(Math.random() * uids.length)]
        c.ws.send(JSON.stringify({ type: 'send-message', ref: `r${ref++}`, receiver, text: 'hello' }))
      }
    }
    c.onFrame = (f) => {
      if (f.type === 'message') stats.delivered++
      else if (f.type === 'message-ack' || f.type === 'error') {
        stats.acked++
        c.inFlight--
        pump()
      }
    }
    pump()
  }
  const started = performance.now()
  await sleep(SECONDS * 1000)
  await until(() => stats.acked >= stats.sent || performance.now() > deadline + 3_000, 'the last acks')
  const rate = (stats.delivered / (performance.now() - started)) * 1000
  for (const c of clients) c.ws.close(1000)
  return { rate, ...stats }
}

/** One message at a time from a sender to a receiver (on another process when there are two): send → delivery. */
async function deliveryLatency(s) {
  const a = s.servers[0].url
  const b = s.servers[s.servers.length - 1].url
  const sender = await client(a, await login(a, 'lat-sender'))
  const receiver = await client(b, await login(b, 'lat-receiver'))
  const latencies = []
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    const sentAt = performance.now()
    const got = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`message l${i} not delivered within ${FAIL_MS} ms`)),
        FAIL_MS,
      )
      receiver.onFrame = (f) => {
        if (f.type !== 'message' || f.message.text !== `l${i}`) return
        clearTimeout(timer)
        resolve(performance.now() - sentAt)
      }
    })
    sender.ws.send(
      JSON.stringify({ type: 'send-message', ref: `l${i}`, receiver: 'lat-receiver', text: `l${i}` }),
    )
    latencies.push(await got)
  }
  sender.ws.close(1000)
  receiver.ws.close(1000)
  latencies.sort((x, y) => x - y)
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

/** kill -9 of process 1: how long until a watcher on process 2 sees its (not returning) user offline. */
async function presenceAfterKill(s) {
  const [p1, p2] = s.servers
  const watcher = await client(p2.url, await login(p2.url, 'watcher'), true)
  await client(p1.url, await login(p1.url, 'victim'))
  await until(
    () => watcher.frames.some((f) => f.type === 'presence' && f.user.uid === 'victim'),
    'victim online',
  )
  const killedAt = performance.now()
  p1.child.kill('SIGKILL')
  await new Promise((resolve) => p1.child.once('exit', resolve))
  await until(
    () =>
      watcher.frames.some((f) => f.type === 'presence' && f.user.uid === 'victim' && f.status === 'offline'),
    'victim offline',
  )
  watcher.ws.close(1000)
  return performance.now() - killedAt
}

/** Real engines through the balancer; Redis restarts; when is every engine back, and what did the apps see. */
async function redisRestart(s, redis, keepData) {
  const engines = []
  for (let i = 0; i < ENGINES; i++) {
    const seen = { connected: 0, resumed: 0, lost: {}, loggedOut: false, messages: [] }
    const engine = createConnectionEngine({
      appId: 'demo-app',
      settings: new AppSettingsBuilder().setServerUrl(s.url).build(),
      platform: { WebSocket },
    })
    engine.addConnectionListener('bench', {
      onConnected: () => seen.connected++,
      onResumed: () => seen.resumed++,
      onContinuityLost: (info) => {
        seen.lost[info.reason] = (seen.lost[info.reason] ?? 0) + 1
      },
    })
    engine.addMessageListener('bench', { onTextMessageReceived: (m) => seen.messages.push(m.text) })
    await engine.login(`engine-${keepData}-${i}`, 'demo-auth-key')
    engines.push({ engine, seen })
  }
  await until(
    () => engines.every((e) => e.engine.getConnectionStatus() === 'connected'),
    'every engine connected',
  )
  const sender = engines[0].engine
  for (let i = 0; i < engines.length; i++) await sender.sendMessage(`engine-${keepData}-${i}`, 'before')
  await until(() => engines.every((e) => e.seen.messages.length >= 1), 'the first messages')
  const connectedBefore = engines.map((e) => e.seen.connected)
  await redis.stop(keepData)
  const downAt = performance.now()
  await sleep(1_000)
  await redis.start()
  const upAt = performance.now()
  await until(
    () =>
      engines.every(
        (e, i) => e.seen.connected > connectedBefore[i] && e.engine.getConnectionStatus() === 'connected',
      ),
    'every engine back',
  )
  const backAfter = performance.now() - upAt
  for (let i = 0; i < engines.length; i++) await sender.sendMessage(`engine-${keepData}-${i}`, 'after')
  await until(() => engines.every((e) => e.seen.messages.includes('after')), 'the messages after')
  const lost = {}
  for (const e of engines)
    for (const [reason, n] of Object.entries(e.seen.lost)) lost[reason] = (lost[reason] ?? 0) + n
  const loggedOut = engines.filter((e) => e.engine.getSnapshot().user === null).length
  const resumed = engines.filter((e) => e.seen.resumed > 0).length
  for (const e of engines) e.engine.destroy()
  return { outageMs: upAt - downAt, backAfter, lost, loggedOut, resumed }
}

const results = []
const redis = await startRedis()
try {
  for (const [name, processes, onRedis] of [
    ['1 process, memory', 1, false],
    ['1 process, Redis', 1, true],
    ['2 processes, Redis', 2, true],
  ]) {
    const s = await setup(name, processes, onRedis ? redis : null)
    try {
      const logins = await loginsPerSecond(s)
      const held = await connectionsHeld(s, logins.tokens)
      const messages = await messagesPerSecond(s)
      const latency = await deliveryLatency(s)
      const r = { name, logins: logins.rate, ...held, messages, latency }
      if (processes === 2) {
        r.restartKept = await redisRestart(s, redis, true)
        r.restartLost = await redisRestart(s, redis, false)
        r.offlineAfterKillMs = await presenceAfterKill(s)
      }
      results.push(r)
      console.log(
        `${name.padEnd(20)} | ${r.held}/${CONNECTIONS} connections held (${held.rate.toFixed(0)}/s, RSS ${held.rss.map((m) => m.toFixed(0)).join('+')} MB) | ` +
          `${r.logins.toFixed(0)} logins/s | ${messages.rate.toFixed(0)} messages/s delivered (${CLIENTS} clients, window ${WINDOW}) | ` +
          `${processes === 2 ? 'cross-process' : 'same-process'} delivery p50/p99 ${latency.p50.toFixed(2)}/${latency.p99.toFixed(2)} ms`,
      )
      if (processes === 2) {
        const fmt = (x) =>
          `${ENGINES} engines back ${x.backAfter.toFixed(0)} ms after Redis returned (outage ${x.outageMs.toFixed(0)} ms); ` +
          `resumed ${x.resumed}, continuity lost ${JSON.stringify(x.lost)}, logged out ${x.loggedOut}`
        console.log(`  Redis restart with its data: ${fmt(r.restartKept)}`)
        console.log(`  Redis restart, data lost:    ${fmt(r.restartLost)}`)
        console.log(
          `  kill -9 of a process: its user offline after ${r.offlineAfterKillMs.toFixed(0)} ms (presenceTtl ${PRESENCE_TTL} ms, bound ${Math.ceil((PRESENCE_TTL * 4) / 3)} ms)`,
        )
      }
    } finally {
      await s.stop()
    }
  }
} finally {
  await redis.dispose()
}
