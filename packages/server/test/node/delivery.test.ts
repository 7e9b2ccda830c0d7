import {
  type AuthOkFrame,
  CloseCodes,
  HISTORY_PATH,
  type HistoryPage,
  type MessageAckFrame,
  type MessageFrame,
} from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { CLOSE_SEND_BUFFER_FULL, type RunningServer } from '../../src/index.js'
import { useServers } from '../helpers/server-fixture.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const start = useServers()
/** A rate limit that a test sending many frames never hits. */
const FAST = { rateLimit: { framesPerSecond: 1_000_000, burst: 1_000_000 } }

async function login(server: RunningServer, uid: string): Promise<string> {
  return (await httpLogin(server.url, uid)).authToken
}

/** Sends texts to `receiver` and waits for every ack; resolves the acked messages in order. */
async function sendAll(sender: TestClient, receiver: string, texts: string[], prefix = 'r') {
  for (const [i, text] of texts.entries())
    sender.send({ type: 'send-message', ref: `${prefix}${i}`, receiver, text })
  const acks = await Promise.all(
    texts.map((_, i) =>
      sender.waitFor<MessageAckFrame>(
        (f) => f.type === 'message-ack' && f.ref === `${prefix}${i}`,
        `ack ${i}`,
      ),
    ),
  )
  return acks.map((a) => a.message)
}

const messageFrames = (client: TestClient) =>
  client.frames.filter((f): f is MessageFrame => f.type === 'message')

describe('delivery over real sockets', () => {
  it('a client that resumes gets exactly what it missed, in order, then live messages', async () => {
    const server = await start(FAST)
    const bobToken = await login(server, 'bob')
    const bob = await TestClient.authed(server.socketUrl, bobToken)
    const alice = await TestClient.authed(server.socketUrl, await login(server, 'alice'))
    await sendAll(alice, 'bob', ['seen'], 'a')
    await bob.waitFor((f) => f.type === 'message', 'seen')
    const epoch = (bob.frames[0] as AuthOkFrame).stream?.epoch
    await bob.close()
    await sendAll(alice, 'bob', ['missed 1', 'missed 2', 'missed 3'], 'b')
    const back = await TestClient.authed(server.socketUrl, bobToken, false, { resume: { epoch, offset: 1 } })
    await back.waitFor((f) => f.type === 'message' && f.offset === 4, 'the last replayed')
    sendAll(alice, 'bob', ['live'], 'c')
    await back.waitFor((f) => f.type === 'message' && f.offset === 5, 'live')
    expect(back.frames[0]).toMatchObject({
      type: 'auth-ok',
      stream: { epoch, offset: 4 },
      recovery: { resumed: true, replayed: 3 },
    })
    expect(messageFrames(back).map((f) => [f.message.text, f.offset, f.replayed ?? false])).toEqual([
      ['missed 1', 2, true],
      ['missed 2', 3, true],
      ['missed 3', 4, true],
      ['live', 5, false],
    ])
    await Promise.all([back.close(), alice.close()])
  })

  it('a replay of 1,000 messages of 10,000 characters (10 MB) flows within the 1 MiB send-buffer limit, in order', async () => {
    const server = await start(FAST)
    const bobToken = await login(server, 'bob')
    const bob = await TestClient.authed(server.socketUrl, bobToken)
    const epoch = (bob.frames[0] as AuthOkFrame).stream?.epoch
    await bob.close()
    const alice = await TestClient.authed(server.socketUrl, await login(server, 'alice'))
    const texts = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(9_996)}`)
    // In rounds of 50: each ack carries its 10 KB message back, and alice's own send buffer has the limit too.
    for (let i = 0; i < texts.length; i += 50) await sendAll(alice, 'bob', texts.slice(i, i + 50), `r${i}-`)
    const back = await TestClient.authed(server.socketUrl, bobToken, false, { resume: { epoch, offset: 0 } })
    expect(back.frames[0]).toMatchObject({ recovery: { resumed: true, replayed: 1000 } })
    await back.waitFor((f) => f.type === 'message' && f.offset === 1000, 'the 1,000th message')
    const replayed = messageFrames(back)
    expect(replayed.map((f) => f.offset)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
    expect(replayed.every((f, i) => f.message.text === texts[i] && f.replayed === true)).toBe(true)
    // Still open: the 1 MiB limit (close 1013) was never passed.
    back.send({ type: 'ping', id: 'after' })
    await back.waitFor((f) => f.type === 'pong', 'pong')
    expect(back.ws.readyState).toBe(back.ws.OPEN)
    expect(CLOSE_SEND_BUFFER_FULL).toBe(1013)
    await Promise.all([back.close(), alice.close()])
  })

  it('a send retried with the same id on a new socket is acked with the original message and delivered once', async () => {
    const server = await start()
    const bob = await TestClient.authed(server.socketUrl, await login(server, 'bob'))
    const aliceToken = await login(server, 'alice')
    const first = await TestClient.authed(server.socketUrl, aliceToken)
    first.send({ type: 'send-message', ref: 'x', receiver: 'bob', text: 'once', id: 'engine-id-1' })
    const original = await first.waitFor<MessageAckFrame>((f) => f.type === 'message-ack', 'ack')
    await first.close()
    const retry = await TestClient.authed(server.socketUrl, aliceToken)
    retry.send({ type: 'send-message', ref: 'x', receiver: 'bob', text: 'once', id: 'engine-id-1' })
    const again = await retry.waitFor<MessageAckFrame>((f) => f.type === 'message-ack', 'ack')
    expect(again.message).toEqual(original.message)
    // A marker sent afterwards arrives right after the one delivery: no second copy in between.
    retry.send({ type: 'send-message', ref: 'y', receiver: 'bob', text: 'marker' })
    await bob.waitFor((f) => f.type === 'message' && f.message.text === 'marker', 'marker')
    expect(messageFrames(bob).map((f) => [f.message.text, f.offset])).toEqual([
      ['once', 1],
      ['marker', 2],
    ])
    expect(server.core.messages()).toHaveLength(2)
    await Promise.all([bob.close(), retry.close()])
  })
})

describe('history over HTTP', () => {
  it('GET /v1/messages with a bearer token pages the inbox; 401 without; 400 with the token in the URL; preflight allows authorization', async () => {
    const server = await start()
    const bobToken = await login(server, 'bob')
    const alice = await TestClient.authed(server.socketUrl, await login(server, 'alice'))
    const [m1] = await sendAll(alice, 'bob', ['one', 'two', 'three'])
    const res = await fetch(`${server.url}${HISTORY_PATH}?after=${m1?.id}&limit=1`, {
      headers: { authorization: `Bearer ${bobToken}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const page = (await res.json()) as HistoryPage
    expect(page).toMatchObject({ hasMore: true, truncated: false })
    expect(page.messages.map((m) => m.text)).toEqual(['two'])
    const missing = await fetch(`${server.url}${HISTORY_PATH}`)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')
    const inUrl = await fetch(`${server.url}${HISTORY_PATH}?authToken=${bobToken}`)
    expect(inUrl.status).toBe(400)
    const preflight = await fetch(`${server.url}${HISTORY_PATH}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET')
    await alice.close()
  })
})

describe('admission control and restarts over real sockets', () => {
  it('a socket over maxHandshakesPerSecond is accepted, then closed at once with 4013 "retry after N ms"', async () => {
    const server = await start({ maxHandshakesPerSecond: 1, handshakeBurst: 1 })
    const admitted = await TestClient.open(server.socketUrl)
    const refused = await TestClient.open(server.socketUrl)
    const close = await refused.closed
    expect(close.code).toBe(CloseCodes.TRY_AGAIN_LATER)
    expect(close.reason).toMatch(/^retry after \d+ ms$/)
    expect(Number(/\d+/.exec(close.reason)?.[0])).toBeGreaterThanOrEqual(1000)
    expect(admitted.ws.readyState).toBe(admitted.ws.OPEN)
    await admitted.close()
  })

  it('close({ restart: true }) closes every client with 1012', async () => {
    const server = await start()
    const client = await TestClient.authed(server.socketUrl, await login(server, 'alice'))
    await server.close({ restart: true })
    expect(await client.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'server restarting' })
  })
})
