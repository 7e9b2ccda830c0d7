#!/usr/bin/env node
// `pnpm start:cluster`: the server as a cluster on this machine, the way it runs behind a load balancer:
//   - a redis-server (persistence off)                   redis://127.0.0.1:6390  (REDIS_PORT)
//   - CLUSTER_SIZE server processes (default 2) on Redis  http://127.0.0.1:4456, :4457, …
//   - a round-robin TCP balancer in front of them         http://127.0.0.1:4455  (SERVER_PORT)
// Clients use the balancer's URL; any process can take any client (no sticky sessions). With
// COMETCHAT_REDIS_URL set, that Redis is used and none is started. Ctrl-C stops everything.
// Needs the built server (the root script builds it first).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
if (!existsSync(`${dist}cli.js`)) {
  console.error('[cluster] the server is not built: run "pnpm start:cluster" from the repository root')
  process.exit(2)
}
const { startTcpBalancer } = await import(`${dist}index.js`)

const int = (name, fallback, min = 0) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < min || value > 65535) {
    console.error(`[cluster] ${name} must be a whole number ≥ ${min}, got ${process.env[name]}`)
    process.exit(2)
  }
  return value
}
const host = '127.0.0.1'
const serverPort = int('SERVER_PORT', 4455)
const redisPort = int('REDIS_PORT', 6390)
const size = int('CLUSTER_SIZE', 2, 1)
const firstPort = int('CLUSTER_FIRST_PORT', serverPort === 0 ? 0 : serverPort + 1)
const children = new Set()
let stopping = false

function redisServerPath() {
  if (process.env.REDIS_SERVER) return existsSync(process.env.REDIS_SERVER) ? process.env.REDIS_SERVER : null
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

/** Starts a child and resolves once `ready` matches its output (rejects if it exits first). */
function run(name, command, args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let out = ''
    const onData = (chunk) => {
      out += chunk
      const match = ready.exec(out)
      if (match) resolve({ child, match })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`))
    child.once('exit', (code, signal) => {
      children.delete(child)
      if (!stopping) {
        console.error(`[cluster] ${name} exited (${signal ?? code}); stopping`)
        stop(1)
      }
      reject(new Error(`${name} exited before it was ready:\n${out.slice(-800)}`))
    })
  })
}

let balancer = null
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(code), 5_000).unref()
  await balancer?.close()
  const exits = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)))
  for (const child of children) child.kill('SIGTERM')
  await Promise.all(exits)
  console.log('[cluster] stopped')
  process.exit(code)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

let redisUrl = process.env.COMETCHAT_REDIS_URL
try {
  if (!redisUrl) {
    const redisServer = redisServerPath()
    if (!redisServer) {
      console.error(
        [
          '[cluster] redis-server is missing. Install it, then run this again:',
          '  Debian/Ubuntu: sudo apt-get install redis-server',
          '  macOS:         brew install redis',
          '  or any Redis ≥ 6.2 you have, e.g. docker run -p 6379:6379 redis:7, with',
          '  COMETCHAT_REDIS_URL=redis://127.0.0.1:6379 pnpm start:cluster',
        ].join('\n'),
      )
      process.exit(1)
    }
    await run(
      'redis',
      redisServer,
      ['--port', String(redisPort), '--bind', host, '--save', '', '--appendonly', 'no'],
      /Ready to accept connections/,
    )
    redisUrl = `redis://${host}:${redisPort}`
    console.log(`[cluster] redis-server      ${redisUrl}`)
  }
  const servers = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      run(
        `server ${i + 1}`,
        process.execPath,
        [
          `${dist}cli.js`,
          '--port',
          String(firstPort === 0 ? 0 : firstPort + i),
          '--host',
          host,
          '--redis',
          redisUrl,
        ],
        /listening on (http:\/\/\S+)/,
      ),
    ),
  )
  for (const [i, { match }] of servers.entries())
    console.log(`[cluster] server ${i + 1}          ${match[1]}`)
  balancer = await startTcpBalancer({
    port: serverPort,
    host,
    targets: servers.map(({ match }) => ({ port: Number(new URL(match[1]).port) })),
  })
  console.log(
    `[cluster] balancer (use it)  http://${host}:${balancer.port}  (round-robin over ${size} processes)`,
  )
  console.log('[cluster] ready; Ctrl-C stops everything')
} catch (error) {
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`)
  await stop(1)
}
