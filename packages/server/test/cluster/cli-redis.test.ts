import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useNodeProcesses } from '../helpers/node-process.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'
import { freePort, useTestRedis } from '../redis/redis-server.js'

// The bin on Redis: `--redis URL` (or COMETCHAT_REDIS_URL) makes separate processes one server.

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const redis = useTestRedis()
const node = useNodeProcesses(/listening on (http:\/\/\S+)/)
const run = (args: string[], env: Record<string, string> = {}) => node(cli, ['--port', '0', ...args], env)

describe('cometchat-connection-server on Redis', () => {
  it('--redis and COMETCHAT_REDIS_URL: a token from one process authenticates on the other', async () => {
    const one = run(['--redis', redis().url, '--redis-prefix', 'cli-test:'])
    const two = run(['--redis-prefix', 'cli-test:'], { COMETCHAT_REDIS_URL: redis().url })
    const [a, b] = (await Promise.all([one.ready, two.ready])).map((match) => match[1] ?? '')
    expect(one.out()).toContain('on Redis')
    const { authToken } = await httpLogin(a ?? '', 'alice')
    const client = await TestClient.authed(`${b?.replace('http', 'ws')}/v1/ws?appId=demo-app`, authToken)
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
