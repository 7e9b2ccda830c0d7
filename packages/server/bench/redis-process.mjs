// Starts Debian's redis-server for a benchmark: a free port on 127.0.0.1, persistence off, its own folder.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server'

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** @returns {Promise<{ url: string, stop(save?: boolean): Promise<void>, start(): Promise<void>, dispose(): Promise<void> }>} */
export async function startRedis() {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server`)
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'))
  let child = null
  const start = () =>
    new Promise((resolve, reject) => {
      const proc = spawn(
        REDIS_SERVER,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      child = proc
      let out = ''
      proc.stdout.on('data', (chunk) => {
        out += chunk
        if (out.includes('Ready to accept connections')) resolve()
      })
      proc.once('exit', (code) => {
        if (child === proc) child = null
        reject(new Error(`redis-server exited (${code})`))
      })
    })
  await start()
  const stop = async (save = false) => {
    const proc = child
    if (!proc) return
    const exited = new Promise((resolve) => proc.once('exit', resolve))
    const admin = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 })
    admin.on('error', () => {})
    await admin.call('SHUTDOWN', save ? 'SAVE' : 'NOSAVE').catch(() => {})
    admin.disconnect()
    await exited
    // Stopped without saving: it comes back empty (not with an older snapshot).
    if (!save) rmSync(join(dir, 'dump.rdb'), { force: true })
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async dispose() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
