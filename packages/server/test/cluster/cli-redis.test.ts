import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { httpLogin, TestClient } from '../helpers/ws-client.js'
import { freePort, startTestRedis, type TestRedis } from '../redis/redis-server.js'

// The bin on Redis: `--redis URL` (or COMETCHAT_REDIS_URL) makes separate processes one server.

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
let redis: TestRedis
const children: ChildProcess[] = []
beforeAll(async () => {
  redis = await startTestRedis()
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(async () => {
  await redis?.dispose()
})

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    exited.then(() => reject(new Error(`exited before listening: ${err}`)))
  })
  url.catch(() => {})
  return { url, exited, out: () => out, err: () => err }
}

describe('cometchat-connection-server on Redis', () => {
  it('--redis and COMETCHAT_REDIS_URL: a token from one process authenticates on the other', async () => {
    const one = run(['--redis', redis.url, '--redis-prefix', 'cli-test:'])
    const two = run(['--redis-prefix', 'cli-test:'], { COMETCHAT_REDIS_URL: redis.url })
    const [a, b] = await Promise.all([one.url, two.url])
    expect(one.out()).toContain('on Redis')
    const { authToken } = await httpLogin(a, 'alice')
    const client = await TestClient.authed(`${b.replace('http', 'ws')}/v1/ws?appId=demo-app`, authToken)
    expect(client.frames[0]).toMatchObject({ type: 'auth-ok', user: { uid: 'alice' } })
    await client.close()
  })

  it('a Redis that cannot be reached: exits 1 saying which URL and what to install', async () => {
    const port = await freePort()
    const proc = run(['--redis', `redis://127.0.0.1:${port}`])
    expect(await proc.exited).toBe(1)
    expect(proc.err()).toContain(`Cannot use Redis at redis://127.0.0.1:${port}`)
    expect(proc.err()).toContain('apt-get install redis-server')
  })
})
