import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useNodeProcesses } from '../helpers/node-process.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'
import { freePort } from '../redis/redis-server.js'

// `pnpm start:cluster`'s script: a redis-server, two server processes and a balancer on this machine.

const script = fileURLToPath(new URL('../../scripts/local-cluster.mjs', import.meta.url))
const node = useNodeProcesses(/balancer \(use it\)\s+(http:\/\/\S+)[\s\S]*ready/)
const run = (env: Record<string, string>) => node(script, [], env)

describe('the local cluster script', () => {
  it('starts redis, two processes and a balancer; a session works through the balancer; Ctrl-C stops everything with 0', async () => {
    const cluster = run({ SERVER_PORT: '0', REDIS_PORT: String(await freePort()), CLUSTER_FIRST_PORT: '0' })
    const url = (await cluster.ready)[1] ?? ''
    expect(cluster.out().match(/server \d +http/g)).toHaveLength(2)
    const { authToken } = await httpLogin(url, 'alice')
    // The next connection goes to the other process: the token is shared through Redis.
    const client = await TestClient.authed(`${url.replace('http', 'ws')}/v1/ws?appId=demo-app`, authToken)
    expect(client.frames[0]).toMatchObject({ type: 'auth-ok', user: { uid: 'alice' } })
    cluster.child.kill('SIGINT')
    expect(await cluster.exited).toBe(0)
    expect(cluster.out()).toContain('[cluster] stopped')
  })

  it('without redis-server it says what to install and exits 1', async () => {
    const cluster = run({
      SERVER_PORT: '0',
      REDIS_SERVER: '/nonexistent/redis-server',
      COMETCHAT_REDIS_URL: '',
    })
    expect(await cluster.exited).toBe(1)
    expect(cluster.err()).toContain('redis-server is missing')
    expect(cluster.err()).toContain('apt-get install redis-server')
  })
})
