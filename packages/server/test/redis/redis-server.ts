import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'

/** Debian's `redis-server` (`.ci/run` installs it). */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server'

/** A free TCP port on 127.0.0.1 (the kernel's pick; released before use, so take it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A real `redis-server` started by a test, persistence off, on its own port and folder. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  /** A client for the test itself (inspecting keys, pausing clients). */
  client(): Redis
  /**
   * Stops it. `save: true` writes its data first (SHUTDOWN SAVE), so {@link start} brings it back;
   * `keepSnapshot: true` keeps the last {@link snapshot} instead (an older state comes back); otherwise
   * it comes back empty.
   */
  stop(options?: { save?: boolean; keepSnapshot?: boolean }): Promise<void>
  /** Writes a snapshot of its data now (SAVE). */
  snapshot(): Promise<void>
  /** Starts it again on the same port and folder (with the data of a saving stop, else empty). */
  start(): Promise<void>
  /** Whether it runs. */
  running(): boolean
  /** Disconnects the test's clients, stops the server and removes its folder. */
  dispose(): Promise<void>
}

/**
 * Starts `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly no` in a fresh folder and
 * waits until it accepts connections. Fails with what to install when `redis-server` is missing.
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(
      `${REDIS_SERVER} is missing: install it (apt-get install -y redis-server) or set REDIS_SERVER`,
    )
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'cometchat-redis-'))
  const clients: Redis[] = []
  let child: ChildProcess | null = null

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        REDIS_SERVER,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      child = proc
      let out = ''
      proc.stdout?.on('data', (chunk) => {
        out += chunk
        if (out.includes('Ready to accept connections')) resolve()
      })
      proc.once('exit', (code) => {
        if (child === proc) child = null
        reject(new Error(`redis-server exited (${code}) before it was ready: ${out.slice(-500)}`))
      })
    })
  await start()

  const stop = async (options: { save?: boolean; keepSnapshot?: boolean } = {}) => {
    const proc = child
    if (!proc) return
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    const admin = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 })
    admin.on('error', () => {})
    try {
      await admin.connect()
      await admin.call('SHUTDOWN', options.save ? 'SAVE' : 'NOSAVE').catch(() => {})
    } catch {
      proc.kill('SIGKILL')
    }
    admin.disconnect()
    await exited
    if (!options.save && !options.keepSnapshot) rmSync(join(dir, 'dump.rdb'), { force: true })
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client() {
      const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 })
      client.on('error', () => {})
      clients.push(client)
      return client
    },
    stop,
    start,
    async snapshot() {
      const admin = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 })
      admin.on('error', () => {})
      await admin.call('SAVE')
      admin.disconnect()
    },
    running: () => child !== null,
    async dispose() {
      for (const client of clients.splice(0)) client.disconnect()
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A {@link TestRedis} of this test file: started before its tests, disposed after them. */
export function useTestRedis(): () => TestRedis {
  let redis: TestRedis | undefined
  beforeAll(async () => {
    redis = await startTestRedis()
  })
  afterAll(async () => {
    await redis?.dispose()
  })
  return () => {
    if (!redis) throw new Error('the test Redis is not started yet (use it inside tests or hooks)')
    return redis
  }
}
