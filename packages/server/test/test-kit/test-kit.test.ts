import { createConnection } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createControllableAppState,
  createControllableNetwork,
  createCountingWebSocket,
  startTcpProxy,
  startTestServer,
  type TestServer,
} from '../helpers/test-kit.js'
import { TestClient } from '../helpers/ws-client.js'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function testServer(options = {}): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

describe('test-kit', () => {
  it('startTestServer starts a real server on loopback and logs users in', async () => {
    const server = await testServer({ appId: 'kit-app' })
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.appId).toBe('kit-app')
    expect(server.socketUrl).toBe(`ws://127.0.0.1:${server.port}/v1/ws?appId=kit-app`)
    const { user, authToken } = await server.login('alice', 'Alice')
    expect(user).toEqual({ uid: 'alice', name: 'Alice' })
    const client = await TestClient.authed(server.socketUrl, authToken)
    expect(server.connectionCount()).toBe(1)
    expect(server.core.onlineUsers()).toEqual([{ uid: 'alice', name: 'Alice' }])
    await client.close()
  })

  it('startTestServer passes limits through', async () => {
    const server = await testServer({ authTimeoutMs: 50 })
    const client = await TestClient.open(server.socketUrl)
    expect((await client.closed).code).toBe(4002)
  })

  it('createCountingWebSocket counts constructions and live sockets', async () => {
    const server = await testServer()
    const counting = createCountingWebSocket()
    expect(counting.count()).toBe(0)
    const sockets = [new counting.WebSocket(server.socketUrl), new counting.WebSocket(server.socketUrl)]
    expect(counting.count()).toBe(2)
    expect(counting.instances).toEqual(sockets)
    expect(counting.liveCount()).toBe(2)
    const closed = sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.onopen = () => ws.close(1000)
          ws.onclose = () => resolve()
        }),
    )
    await closed[0]
    expect(counting.liveCount()).toBeLessThanOrEqual(1)
    await closed[1]
    expect(counting.liveCount()).toBe(0)
    expect(counting.count()).toBe(2)
  })

  it('startTcpProxy forwards, holds traffic while paused without closing, and delivers it on resume', async () => {
    const server = await testServer()
    const proxy = await startTcpProxy(server.port)
    cleanups.push(() => proxy.close())
    const { authToken } = await server.login('alice')
    const client = await TestClient.authed(`ws://127.0.0.1:${proxy.port}/v1/ws?appId=demo-app`, authToken)
    expect(proxy.connectionCount()).toBe(1)
    proxy.pause()
    client.send({ type: 'ping', id: 'held' })
    // The server answers our own HTTP request while the proxied path is paused: only the proxy is stuck.
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200)
    expect(client.frames.some((f) => f.type === 'pong')).toBe(false)
    expect(client.ws.readyState).toBe(client.ws.OPEN)
    proxy.resume()
    expect(await client.waitFor((f) => f.type === 'pong', 'held pong')).toEqual({ type: 'pong', id: 'held' })
    await client.close()
  })

  it('a paused proxy hides a server-side close from the client (half-open)', async () => {
    const server = await testServer()
    const proxy = await startTcpProxy(server.port)
    cleanups.push(() => proxy.close())
    const { authToken } = await server.login('alice')
    const client = await TestClient.authed(`ws://127.0.0.1:${proxy.port}/v1/ws?appId=demo-app`, authToken)
    proxy.pause()
    server.dropConnections()
    // The server's side is gone: it sees no connection, while the client's socket is still "open".
    expect(server.connectionCount()).toBe(0)
    expect(client.ws.readyState).toBe(client.ws.OPEN)
    proxy.resume()
    expect((await client.closed).code).toBe(1006)
  })

  it('proxy.close() ends proxied connections and the listener', async () => {
    const server = await testServer()
    const proxy = await startTcpProxy(server.port)
    const client = await TestClient.open(`ws://127.0.0.1:${proxy.port}/v1/ws?appId=demo-app`)
    await proxy.close()
    expect((await client.closed).code).toBe(1006)
    await expect(
      new Promise((resolve, reject) =>
        createConnection(proxy.port, '127.0.0.1').once('connect', resolve).once('error', reject),
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('re-exports controllable app state and network sources', () => {
    const appState = createControllableAppState('foreground')
    const network = createControllableNetwork(true)
    const seen: unknown[] = []
    const off = appState.subscribe((s) => seen.push(s))
    network.subscribe((o) => seen.push(o))
    appState.set('background')
    network.set(false)
    off()
    appState.set('foreground')
    expect(seen).toEqual(['background', false])
    expect(appState.current()).toBe('foreground')
    expect(network.isOnline()).toBe(false)
  })
})
