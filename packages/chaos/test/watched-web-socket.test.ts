import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { watchedWebSocket } from '../src/watched-web-socket.js'

let wss: WebSocketServer | undefined
afterEach(async () => {
  for (const client of wss?.clients ?? []) client.terminate()
  await new Promise((resolve) => wss?.close(resolve))
})

async function server(): Promise<string> {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await once(wss, 'listening')
  const address = wss.address()
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

/** A watched socket, open. */
async function openSocket(watched: ReturnType<typeof watchedWebSocket>, url: string) {
  const socket = new watched.WebSocket(url)
  await new Promise<void>((resolve) => {
    socket.onopen = () => resolve()
  })
  return socket
}

describe('watchedWebSocket', () => {
  it('reports a socket constructed while another of the engine is open (I1)', async () => {
    const url = await server()
    const seconds: number[] = []
    const watched = watchedWebSocket((others) => seconds.push(others))
    const first = await openSocket(watched, url)
    const second = new watched.WebSocket(url)
    second.onerror = () => {} // closing while connecting is an 'error' event in ws
    second.close()
    expect(seconds).toEqual([1])
    expect(watched.maxLive()).toBe(2)
    first.close()
  })

  it('does not count a socket the engine already closed (CLOSING), so close-then-open is fine', async () => {
    const url = await server()
    const seconds: number[] = []
    const watched = watchedWebSocket((others) => seconds.push(others))
    const first = await openSocket(watched, url)
    first.close(1000)
    const second = new watched.WebSocket(url)
    second.onerror = () => {}
    expect(seconds).toEqual([])
    expect(watched.created()).toBe(2)
    expect(watched.live()).toBe(1)
    second.close()
  })
})
