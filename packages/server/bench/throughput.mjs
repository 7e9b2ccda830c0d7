// Throughput benchmark of the realtime server, on loopback only.
//
//   pnpm --filter @cometchat-connection/server bench
//   BENCH_CLIENTS=500 BENCH_SECONDS=8 pnpm --filter @cometchat-connection/server bench
//   BENCH_BASELINE=/path/to/other/dist/cli.js BENCH_ROUNDS=3 pnpm --filter @cometchat-connection/server bench
//
// Starts the built server (dist/cli.js) in its own process (see server-process.mjs), then:
//   1. N clients log in over HTTP, open a socket and authenticate: connections/s;
//   2. for a bounded time each client keeps a window of messages in flight to random peers: messages/s
//      delivered (a `message` frame received by the receiver) and ack latency.
// With BENCH_BASELINE, runs alternate between this build and that one (same machine, same run) and the
// medians are compared. Every loop is bounded by a count or a deadline. Not part of the test suite.
import { existsSync } from 'node:fs'
import { boundedInt } from '../../../scripts/bounded-int.mjs'
import { CURRENT_CLI, login, median, openSocket, startServerProcess } from './server-process.mjs'

const CLIENTS = boundedInt('BENCH_CLIENTS', 200, 1, 2_000)
const SECONDS = boundedInt('BENCH_SECONDS', 5, 1, 10)
const WINDOW = boundedInt('BENCH_WINDOW', 8, 1, 64)
const ROUNDS = boundedInt('BENCH_ROUNDS', 3, 1, 10)
const BASELINE = process.env.BENCH_BASELINE
const DRAIN_MS = 2_000

async function connect(socketUrl, authToken, stats) {
  const ws = await openSocket(socketUrl)
  const client = { ws, sentAt: new Map(), inFlight: 0 }
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data))
      if (frame.type === 'auth-ok') resolve(client)
      else if (frame.type === 'message') stats.delivered++
      else if (frame.type === 'message-ack') {
        stats.acked++
        client.inFlight--
        const sentAt = client.sentAt.get(frame.ref)
        client.sentAt.delete(frame.ref)
        if (sentAt !== undefined) stats.latencies.push(performance.now() - sentAt)
        client.onAck?.()
      } else if (frame.type === 'throttle' || frame.type === 'error') stats.refused++
    })
    ws.send(JSON.stringify({ type: 'auth', v: 1, authToken }))
  })
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** One full run against `cli`; resolves its figures. */
async function runOnce(cli) {
  const server = await startServerProcess(cli)
  const stats = { delivered: 0, acked: 0, sent: 0, refused: 0, latencies: [] }
  try {
    const uids = Array.from({ length: CLIENTS }, (_, i) => `bench-${i}`)
    const loginStart = performance.now()
    const tokens = []
    // Batches of 50 keep the HTTP agent and the accept queue from being what is measured.
    for (let i = 0; i < uids.length; i += 50)
      tokens.push(...(await Promise.all(uids.slice(i, i + 50).map((uid) => login(server.url, uid)))))
    const loginMs = performance.now() - loginStart
    const connectStart = performance.now()
    const clients = []
    for (let i = 0; i < tokens.length; i += 50) {
      clients.push(
        ...(await Promise.all(
          tokens.slice(i, i + 50).map((token) => connect(server.socketUrl, token, stats)),
        )),
      )
    }
    const connectMs = performance.now() - connectStart

    const deadline = performance.now() + SECONDS * 1000
    let ref = 0
    const pump = (client) => {
      while (client.inFlight < WINDOW && performance.now() < deadline) {
        const receiver = uids[Math.floor(Math.random() * uids.length)]
        const id = `r${ref++}`
        client.sentAt.set(id, performance.now())
        client.inFlight++
        stats.sent++
        client.ws.send(JSON.stringify({ type: 'send-message', ref: id, receiver, text: `hello ${id}` }))
      }
    }
    const messagingStart = performance.now()
    for (const client of clients) {
      client.onAck = () => pump(client)
      pump(client)
    }
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000))
    // Let in-flight messages land, bounded by DRAIN_MS.
    const drainUntil = performance.now() + DRAIN_MS
    while (stats.acked < stats.sent && performance.now() < drainUntil)
      await new Promise((r) => setTimeout(r, 20))
    const messagingMs = performance.now() - messagingStart
    for (const client of clients) client.ws.close(1000)
    const latencies = stats.latencies.sort((a, b) => a - b)
    return {
      clients: clients.length,
      loginsPerSecond: (clients.length / loginMs) * 1000,
      connectionsPerSecond: (clients.length / connectMs) * 1000,
      sent: stats.sent,
      acked: stats.acked,
      refused: stats.refused,
      delivered: stats.delivered,
      messagesPerSecond: (stats.delivered / messagingMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    }
  } finally {
    await server.stop()
  }
}

function print(label, r) {
  console.log(
    `${label.padEnd(9)} ${r.clients} clients | ${r.loginsPerSecond.toFixed(0)} logins/s | ` +
      `${r.connectionsPerSecond.toFixed(0)} connections/s | sent/acked ${r.sent}/${r.acked} (refused ${r.refused}) | ` +
      `${r.messagesPerSecond.toFixed(0)} messages/s delivered | ack p50/p99 ${r.p50.toFixed(1)}/${r.p99.toFixed(1)} ms`,
  )
}

async function main() {
  if (BASELINE !== undefined && !existsSync(BASELINE)) {
    console.error(`BENCH_BASELINE: ${BASELINE} does not exist`)
    process.exit(2)
  }
  console.log(`messaging window: ${WINDOW} in flight per client, ${SECONDS} s per run`)
  const builds = BASELINE
    ? [
        ['baseline', BASELINE],
        ['current', CURRENT_CLI],
      ]
    : [['current', CURRENT_CLI]]
  const results = new Map(builds.map(([label]) => [label, []]))
  for (let round = 0; round < (BASELINE ? ROUNDS : 1); round++) {
    for (const [label, cli] of builds) {
      const result = await runOnce(cli)
      results.get(label).push(result)
      print(label, result)
    }
  }
  if (!BASELINE) return
  const rate = (label) => median(results.get(label).map((r) => r.messagesPerSecond))
  const [before, after] = [rate('baseline'), rate('current')]
  console.log(
    `median messages/s delivered: baseline ${before.toFixed(0)}, current ${after.toFixed(0)} ` +
      `→ current/baseline ${(after / before).toFixed(3)} (${ROUNDS} alternating runs each)`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
