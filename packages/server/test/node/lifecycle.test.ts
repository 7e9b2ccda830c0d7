import { CloseCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../src/index.js'
import { until } from '../helpers/fake-connection.js'
import { useServers } from '../helpers/server-fixture.js'
import { startTcpProxy } from '../helpers/test-kit.js'
import { httpLogin, refusedUpgradeStatus, TestClient } from '../helpers/ws-client.js'

const start = useServers()

describe('server lifecycle', () => {
  it('startServer resolves the SPEC shape: url, port, close, dropConnections, sendThrottleNotice', async () => {
    const server = await start()
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    expect(server.socketUrl).toBe(`ws://127.0.0.1:${server.port}/v1/ws?appId=demo-app`)
    expect(typeof server.close).toBe('function')
    expect(typeof server.dropConnections).toBe('function')
    expect(typeof server.sendThrottleNotice).toBe('function')
  })

  it('dropConnections cuts every socket: clients see 1006, the server forgets them, new sockets work', async () => {
    const server = await start()
    const { authToken } = await httpLogin(server.url, 'alice')
    const a = await TestClient.authed(server.socketUrl, authToken)
    const b = await TestClient.authed(server.socketUrl, authToken)
    server.dropConnections()
    expect(await a.closed).toEqual({ code: 1006, reason: '' })
    expect(await b.closed).toEqual({ code: 1006, reason: '' })
    // With the Redis backend presence changes come back through Redis: wait for it (at once in memory).
    await until(() => server.core.onlineUsers().length === 0, 'alice offline')
    const c = await TestClient.authed(server.socketUrl, authToken)
    expect(server.connectionCount()).toBe(1)
    await c.close()
  })

  it('close() sends 1001 to every client and resolves once all is closed; it is idempotent', async () => {
    const server = await startServer()
    const { authToken } = await httpLogin(server.url, 'alice')
    const a = await TestClient.authed(server.socketUrl, authToken)
    const unauthenticated = await TestClient.open(server.socketUrl)
    const closing = server.close()
    expect(server.close()).toBe(closing)
    await closing
    expect(await a.closed).toEqual({ code: CloseCodes.GOING_AWAY, reason: 'server shutting down' })
    expect((await unauthenticated.closed).code).toBe(CloseCodes.GOING_AWAY)
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow()
  })

  it('close() still settles when a client never answers the close (half-open), after the grace period', async () => {
    const server = await startServer({ closeGraceMs: 100 })
    const proxy = await startTcpProxy(server.port)
    try {
      const { authToken } = await httpLogin(server.url, 'alice')
      const client = await TestClient.authed(`ws://127.0.0.1:${proxy.port}/v1/ws?appId=demo-app`, authToken)
      proxy.pause()
      const startedAt = Date.now()
      await server.close()
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(90)
      expect(server.connectionCount()).toBe(0)
      proxy.resume()
      expect([CloseCodes.GOING_AWAY, 1006]).toContain((await client.closed).code)
    } finally {
      await proxy.close()
    }
  })

  it('a server can be restarted on the same port', async () => {
    const first = await startServer()
    const port = first.port
    await first.close()
    const second = await start({ port })
    expect(second.port).toBe(port)
    expect((await fetch(`${second.url}/v1/health`)).status).toBe(200)
  })

  it('refuseConnections(true) answers upgrades with 503 until turned off; HTTP keeps working', async () => {
    const server = await start()
    server.refuseConnections(true)
    expect(await refusedUpgradeStatus(server.socketUrl)).toBe(503)
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200)
    server.refuseConnections(false)
    const client = await TestClient.open(server.socketUrl)
    await client.close()
  })

  it('rejects bad options with ERR_INVALID_ARGUMENT, and a taken port with EADDRINUSE', async () => {
    await expect(startServer({ port: -1 })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    await expect(startServer({ idleTimeoutMs: 0 })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    const server = await start()
    await expect(startServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})
