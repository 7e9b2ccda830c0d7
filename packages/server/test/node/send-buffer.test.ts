import type { MessageFrame, PresenceFrame } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { CLOSE_SEND_BUFFER_FULL, type RunningServer } from '../../src/index.js'
import { TEST_BACKEND, useServers } from '../helpers/server-fixture.js'
import { startTcpProxy, type TcpProxy } from '../helpers/test-kit.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const start = useServers()

/** Text of each message to the slow reader: about 60 KB on the wire. */
const BIG = 'x'.repeat(60_000)
/** Server options shared by the tests: big messages, and a rate limit that two frames per round never hit. */
const BIG_MESSAGES = {
  maxTextLength: BIG.length + 10,
  rateLimit: { framesPerSecond: 100_000, burst: 100_000 },
}

async function login(server: RunningServer, uid: string): Promise<string> {
  return (await httpLogin(server.url, uid)).authToken
}

/** `uid`'s socket through the proxy: pausing the proxy stops it reading, so TCP back-pressure reaches the server. */
async function behindProxy(server: RunningServer, proxy: TcpProxy, uid: string): Promise<TestClient> {
  return TestClient.authed(`ws://127.0.0.1:${proxy.port}/v1/ws?appId=demo-app`, await login(server, uid))
}

function messageWithText(client: TestClient, text: string): Promise<MessageFrame> {
  return client.waitFor<MessageFrame>((f) => f.type === 'message' && f.message.text === text, text)
}

/**
 * `sender` sends one big message to `slow`, numbered `round` at its end, and waits for the ack. The ack
 * leaves the server in the same step as the delivery to `slow`, so once it is here the server has made
 * that send (and, past the limit, closed the socket and forgotten it: the same process runs both).
 */
async function sendBig(sender: TestClient, round: number): Promise<void> {
  sender.send({ type: 'send-message', ref: `s${round}`, receiver: 'slow', text: `${BIG}#${round}` })
  await sender.waitFor((f) => f.type === 'message-ack' && f.ref === `s${round}`, `ack s${round}`)
}

describe('send-buffer limit (maxBufferedBytes) over real sockets', () => {
  it('closes a client that stops reading with 1013 once its buffer passes the limit; a healthy client keeps receiving', async () => {
    const server = await start({ maxBufferedBytes: 8 * 1024, ...BIG_MESSAGES })
    const proxy = await startTcpProxy(server.port)
    try {
      const slow = await behindProxy(server, proxy, 'slow')
      const healthy = await TestClient.authed(server.socketUrl, await login(server, 'healthy'), true)
      const sender = await TestClient.authed(server.socketUrl, await login(server, 'sender'))
      const slowWentOffline = () =>
        healthy.frames.some((f) => f.type === 'presence' && f.user.uid === 'slow' && f.status === 'offline')

      proxy.pause()
      // The kernel's loopback buffers (server send + proxy receive) take a few MB before ws buffers
      // anything; 600 rounds (36 MB) is a failure bound, not a pace: the loop ends at the offline notice.
      let rounds = 0
      while (!slowWentOffline()) {
        if (++rounds > 600) throw new Error('the slow reader was not closed after 600 rounds (36 MB)')
        await sendBig(sender, rounds)
        // Every round, the healthy client gets its own message while the slow one's buffer grows.
        sender.send({ type: 'send-message', ref: `h${rounds}`, receiver: 'healthy', text: `to h${rounds}` })
        await messageWithText(healthy, `to h${rounds}`)
      }
      // The server forgot the slow socket at once, without waiting for a close handshake it cannot get.
      const offline = await healthy.waitFor<PresenceFrame>(
        (f) => f.type === 'presence' && f.status === 'offline',
        'offline notice',
      )
      expect(offline.user.uid).toBe('slow')
      expect(server.core.onlineUsers().map((u) => u.uid)).toEqual(['healthy', 'sender'])
      expect(server.connectionCount()).toBe(2)

      // Nothing more goes to the slow socket; the healthy one keeps receiving.
      sender.send({ type: 'send-message', ref: 'after', receiver: 'slow', text: 'after the close' })
      await sender.waitFor((f) => f.type === 'message-ack' && f.ref === 'after', 'ack after')
      sender.send({ type: 'send-message', ref: 'still', receiver: 'healthy', text: 'still here' })
      await messageWithText(healthy, 'still here')
      expect(healthy.ws.readyState).toBe(healthy.ws.OPEN)

      // Once it reads again, the slow client gets what was buffered, then the close frame: 1013.
      proxy.resume()
      expect(await slow.closed).toEqual({ code: CLOSE_SEND_BUFFER_FULL, reason: 'send buffer full' })
      expect(CLOSE_SEND_BUFFER_FULL).toBe(1013)
      // Every message up to the one that crossed the limit, in order, and none after it.
      const texts = slow.frames.flatMap((f) => (f.type === 'message' ? [f.message.text] : []))
      expect(texts).toEqual(Array.from({ length: texts.length }, (_, i) => `${BIG}#${i + 1}`))
      expect(texts.length).toBeLessThanOrEqual(rounds)
      // With Redis the offline notice travels through Redis and may come one round after the close.
      expect(texts.length).toBeGreaterThanOrEqual(TEST_BACKEND === 'redis' ? rounds - 1 : rounds)
      await Promise.all([healthy.close(), sender.close()])
    } finally {
      await proxy.close()
    }
  })

  it('honours the configured value: a 4 MiB limit takes about 4 MiB more backlog than an 8 KiB one, then closes with 1013 too', async () => {
    // Two servers side by side, each with a stalled reader fed the same stream; the kernel buffers
    // about as much for both, so the difference in what each took before closing is ws's own buffer.
    const small = await start({ maxBufferedBytes: 8 * 1024, ...BIG_MESSAGES })
    const large = await start({ maxBufferedBytes: 4 * 1024 * 1024, ...BIG_MESSAGES })
    const proxies = [await startTcpProxy(small.port), await startTcpProxy(large.port)] as const
    try {
      const servers = [small, large] as const
      const readers = [
        await behindProxy(small, proxies[0], 'slow'),
        await behindProxy(large, proxies[1], 'slow'),
      ]
      const senders = [
        await TestClient.authed(small.socketUrl, await login(small, 'sender')),
        await TestClient.authed(large.socketUrl, await login(large, 'sender')),
      ] as const
      const online = (i: 0 | 1) => servers[i].core.onlineUsers().some((u) => u.uid === 'slow')
      for (const proxy of proxies) proxy.pause()
      const closedAt: [number, number] = [0, 0]
      // A failure bound, not a pace (each round is one acknowledged send per server).
      for (let round = 1; closedAt[1] === 0; round++) {
        if (round > 600) throw new Error(`no close after 600 rounds (36 MB); closed at ${closedAt}`)
        for (const i of [0, 1] as const) {
          if (closedAt[i] !== 0) continue
          await sendBig(senders[i], round)
          if (!online(i)) closedAt[i] = round
        }
      }
      // The 4 MiB reader took about 4 MiB (70 rounds of 60 KB) more than the 8 KiB one, ± 1 MiB for the
      // kernel: each server applies its own value (were the option ignored, both would close at the
      // default and the difference would be about 0), and a larger limit still closes once passed.
      expect(closedAt[0]).toBeGreaterThan(0)
      expect(closedAt[1] - closedAt[0]).toBeGreaterThanOrEqual(52)
      expect(closedAt[1] - closedAt[0]).toBeLessThanOrEqual(88)
      for (const proxy of proxies) proxy.resume()
      for (const reader of readers)
        expect(await reader.closed).toEqual({ code: CLOSE_SEND_BUFFER_FULL, reason: 'send buffer full' })
      await Promise.all(senders.map((sender) => sender.close()))
    } finally {
      await Promise.all(proxies.map((proxy) => proxy.close()))
    }
  })

  it.each([
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '1048576'],
  ])('refuses maxBufferedBytes %s with ERR_INVALID_ARGUMENT naming it', async (_what, value) => {
    await expect(start({ maxBufferedBytes: value as number })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: `Invalid maxBufferedBytes: expected a positive integer, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}.`,
      details: { option: 'maxBufferedBytes', value },
    })
  })
})
