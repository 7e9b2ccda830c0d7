import { CloseCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../helpers/fake-clock.js'
import { useServers } from '../helpers/server-fixture.js'
import { httpLogin, refusedUpgradeStatus, TestClient } from '../helpers/ws-client.js'

const start = useServers()

describe('socket auth over real sockets', () => {
  it('a token from POST /v1/login authenticates the first frame: auth-ok', async () => {
    const server = await start()
    const { authToken } = await httpLogin(server.url, 'alice', { name: 'Alice' })
    const client = await TestClient.open(server.socketUrl)
    client.send({ type: 'auth', v: 1, authToken })
    const ok = await client.waitFor((f) => f.type === 'auth-ok', 'auth-ok')
    expect(ok).toMatchObject({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'Alice' },
      idleTimeoutMs: 60_000,
    })
    expect(server.core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])
    await client.close()
  })

  it('a bad token closes 4001', async () => {
    const server = await start()
    const client = await TestClient.open(server.socketUrl)
    client.send({ type: 'auth', v: 1, authToken: 'deadbeef' })
    expect(await client.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'invalid auth token' })
  })

  it('a token revoked by POST /v1/logout closes 4001, and the socket using it is closed 4001 too', async () => {
    const server = await start()
    const { authToken } = await httpLogin(server.url, 'alice')
    const live = await TestClient.authed(server.socketUrl, authToken)
    const res = await fetch(`${server.url}/v1/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: 'demo-app', authToken }),
    })
    expect(res.status).toBe(200)
    expect((await live.closed).code).toBe(CloseCodes.AUTH_FAILED)
    const late = await TestClient.open(server.socketUrl)
    late.send({ type: 'auth', v: 1, authToken })
    expect((await late.closed).code).toBe(CloseCodes.AUTH_FAILED)
  })

  it('an expired token closes 4001 (fake clock)', async () => {
    const clock = new FakeClock()
    const server = await start({ clock, tokenTtlMs: 60_000 })
    const { authToken } = await httpLogin(server.url, 'alice')
    clock.advance(60_000)
    const client = await TestClient.open(server.socketUrl)
    client.send({ type: 'auth', v: 1, authToken })
    expect(await client.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'auth token expired' })
  })

  it('no auth frame within the auth timeout closes 4002', async () => {
    const server = await start({ authTimeoutMs: 150 })
    const client = await TestClient.open(server.socketUrl)
    const startedAt = Date.now()
    expect((await client.closed).code).toBe(CloseCodes.AUTH_TIMEOUT)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140)
  })

  it('a frame before auth closes 4003', async () => {
    const server = await start()
    const client = await TestClient.open(server.socketUrl)
    client.send({ type: 'ping', id: '1' })
    expect(await client.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'authenticate first' })
    expect(client.frames).toEqual([])
  })

  it('an unknown appId closes 4004', async () => {
    const server = await start()
    const client = await TestClient.open(server.socketUrl.replace('demo-app', 'other-app'))
    expect((await client.closed).code).toBe(CloseCodes.UNKNOWN_APP)
  })

  it('an upgrade to any other path is refused with HTTP 404; the token is never needed in the URL', async () => {
    const server = await start()
    expect(await refusedUpgradeStatus(`${server.url.replace('http', 'ws')}/v1/other?appId=demo-app`)).toBe(
      404,
    )
    expect(await refusedUpgradeStatus(`${server.url.replace('http', 'ws')}/`)).toBe(404)
    expect(server.connectionCount()).toBe(0)
  })
})
