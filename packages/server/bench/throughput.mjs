// Throughput benchmark of the realtime server, on loopback only.
//
//   pnpm --filter @cometchat-connection/server bench
//   BENCH_CLIENTS=500 BENCH_SECONDS=8 pnpm --filter @cometchat-connection/server bench
//
// Starts the built server (dist/cli.js) in its own process with the per-socket rate limit raised (the
// default 20 frames/s would measure the limiter, not the server), then:
//   1. N clients log in over HTTP, open a socket and authenticate: connections/s;
//   2. for a bounded time each client keeps a window of messages in flight to random peers: messages/s
//      delivered (a `message` frame received by the receiver) and ack latency.
// Every loop is bounded by a count or a deadline. Not part of the test suite.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { boundedInt } from '../../../scripts/bounded-int.mjs'

const CLIENTS = boundedInt('BENCH_CLIENTS', 200, 1, 2_000)
const SECONDS = boundedInt('BENCH_SECONDS', 5, 1, 10)
const WINDOW = boundedInt('BENCH_WINDOW', 8, 1, 64)
const DRAIN_MS = 2_000

function startServerProcess() {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--host', '127.0.0.1', '--rate-limit', '1000000', '--rate-burst', '1000000'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve({ child, url: match[1] })
    })
    child.once('exit', (code) =>
      reject(new Error(`server exited early (${code}); is dist/ built? run pnpm build`)),
    )
  })
}

async function login(url, uid) {
  const res = await fetch(`${url}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid, authKey: 'demo-auth-key' }),
  })
  if (res.status !== 200) throw new Error(`login ${uid}: ${res.status}`)
  return (await res.json()).authToken
}

function connect(socketUrl, authToken, stats) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl)
    const client = { ws, sentAt: new Map(), inFlight: 0 }
    ws.on('error', reject)
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', v: 1, authToken })))
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
  })
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function main() {
  const { child, url } = await startServerProcess()
  const socketUrl = `${url.replace('http', 'ws')}/v1/ws?appId=demo-app`
  const stats = { delivered: 0, acked: 0, sent: 0, refused: 0, latencies: [] }
  try {
    const uids = Array.from({ length: CLIENTS }, (_, i) => `bench-${i}`)
    const loginStart = performance.now()
    const tokens = []
    // Batches of 50 keep the HTTP agent and the accept queue from being what is measured.
    for (let i = 0; i < uids.length; i += 50)
      tokens.push(...(await Promise.all(uids.slice(i, i + 50).map((uid) => login(url, uid)))))
    const loginMs = performance.now() - loginStart
    const connectStart = performance.now()
    const clients = []
    for (let i = 0; i < tokens.length; i += 50) {
      clients.push(
        ...(await Promise.all(tokens.slice(i, i + 50).map((token) => connect(socketUrl, token, stats)))),
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

    const latencies = stats.latencies.sort((a, b) => a - b)
    console.log(`clients:                 ${clients.length}`)
    console.log(
      `HTTP logins:             ${loginMs.toFixed(0)} ms  →  ${((clients.length / loginMs) * 1000).toFixed(0)} logins/s`,
    )
    console.log(
      `socket connect + auth:   ${connectMs.toFixed(0)} ms  →  ${((clients.length / connectMs) * 1000).toFixed(0)} connections/s`,
    )
    console.log(`messaging window:        ${WINDOW} in flight per client, ${SECONDS} s`)
    console.log(`messages sent / acked:   ${stats.sent} / ${stats.acked}  (refused: ${stats.refused})`)
    console.log(
      `messages delivered:      ${stats.delivered}  →  ${((stats.delivered / messagingMs) * 1000).toFixed(0)} messages/s`,
    )
    console.log(
      `ack latency p50 / p99:   ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`,
    )
    for (const client of clients) client.ws.close(1000)
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
