import { once } from 'node:events'
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { FaultProxy } from '../src/fault-proxy.js'

/** Polls a condition: for states reached through sockets, with no event of their own to await. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5)
}

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A TCP server that records what each connection sends. */
async function collector(): Promise<{ port: number; received: string[]; sockets: Socket[] }> {
  const received: string[] = []
  const sockets: Socket[] = []
  const server: Server = createServer((socket) => {
    const index = sockets.push(socket) - 1
    received[index] = ''
    socket.on('data', (chunk) => {
      received[index] += chunk.toString()
    })
    socket.on('error', () => {})
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => {
    for (const s of sockets) s.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  const address = server.address()
  return { port: typeof address === 'object' && address ? address.port : 0, received, sockets }
}

async function proxyTo(port: number, onLive?: (live: number) => void): Promise<FaultProxy> {
  const proxy = await FaultProxy.start(port, onLive)
  cleanups.push(() => proxy.close())
  return proxy
}

async function client(port: number): Promise<Socket> {
  const socket = netConnect(port, '127.0.0.1')
  socket.on('error', () => {})
  cleanups.push(() => socket.destroy())
  await once(socket, 'connect')
  return socket
}

describe('FaultProxy', () => {
  it('forwards every byte in order through latency and slicing', async () => {
    const target = await collector()
    const proxy = await proxyTo(target.port)
    proxy.conditions.latencyMs = 30
    proxy.conditions.sliceBytes = 3
    const socket = await client(proxy.port)
    const expected = Array.from({ length: 20 }, (_, i) => `chunk ${i};`).join('')
    for (let i = 0; i < 20; i++) socket.write(`chunk ${i};`)
    await until(() => target.received[0]?.length === expected.length)
    expect(target.received[0]).toBe(expected)
  })

  it('freezes a connection (bytes held, nothing forwarded) until it thaws, then delivers in order', async () => {
    const target = await collector()
    const proxy = await proxyTo(target.port)
    const socket = await client(proxy.port)
    socket.write('before;')
    await until(() => target.received[0] === 'before;')
    const beforeFreeze = Date.now() - 1
    expect(proxy.frozeBetween(0, beforeFreeze)).toBe(false)
    expect(proxy.freeze('temporary')).toBe(1)
    expect(proxy.frozeBetween(beforeFreeze, Date.now())).toBe(true)
    socket.write('held;')
    await until(() => proxy.heldBytes() === 5)
    expect(target.received[0]).toBe('before;') // the proxy has the bytes and holds them
    socket.end() // a close is held too
    const ended = once(target.sockets[0]!, 'end')
    proxy.thaw()
    await ended
    expect(target.received[0]).toBe('before;held;')
  })

  it('drops every connection: both ends see it closed', async () => {
    const target = await collector()
    const proxy = await proxyTo(target.port)
    const socket = await client(proxy.port)
    await until(() => target.sockets.length === 1)
    const closed = Promise.all([once(socket, 'close'), once(target.sockets[0]!, 'close')])
    expect(proxy.drop()).toBe(1)
    await closed
    await until(() => proxy.connectionCount() === 0)
  })

  it('never thaws a dead freeze; calm() cuts it so both ends learn', async () => {
    const target = await collector()
    const proxy = await proxyTo(target.port)
    const socket = await client(proxy.port)
    await until(() => target.sockets.length === 1)
    proxy.freeze('dead')
    socket.write('lost;')
    await until(() => proxy.heldBytes() === 5)
    proxy.thaw() // thaws temporary freezes only
    expect(proxy.heldBytes()).toBe(5)
    const closed = once(socket, 'close')
    proxy.calm()
    await closed
    expect(target.received[0]).toBe('')
  })

  it('counts WebSockets open or opening; one whose client sent its close frame no longer counts, even frozen', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(wss, 'listening')
    cleanups.push(() => new Promise((resolve) => wss.close(resolve)))
    const address = wss.address()
    const seen: number[] = []
    const proxy = await proxyTo(typeof address === 'object' && address ? address.port : 0, (live) =>
      seen.push(live),
    )
    const url = `ws://127.0.0.1:${proxy.port}/v1/ws?appId=chaos-app`
    const first = new WebSocket(url)
    cleanups.push(() => first.terminate())
    await once(first, 'open')
    expect(proxy.liveWebSockets()).toBe(1)
    const second = new WebSocket(url)
    cleanups.push(() => second.terminate())
    await once(second, 'open')
    expect(proxy.liveWebSockets()).toBe(2)
    proxy.freeze('temporary')
    first.close(1000)
    await until(() => proxy.liveWebSockets() === 1)
    expect(seen).toEqual([1, 2, 1])
    expect(proxy.counts).toMatchObject({ webSockets: 2, maxLive: 2 })
  })
})
