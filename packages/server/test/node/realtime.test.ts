import { CloseCodes, type MessageFrame, type PresenceFrame } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { useServers } from '../helpers/server-fixture.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const start = useServers()

async function user(url: string, socketUrl: string, uid: string, presence = false) {
  const { authToken } = await httpLogin(url, uid)
  return TestClient.authed(socketUrl, authToken, presence)
}

describe('realtime features over real sockets', () => {
  it('client ping → server pong with the same id', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    alice.send({ type: 'ping', id: 'hb-1' })
    expect(await alice.waitFor((f) => f.type === 'pong', 'pong')).toEqual({ type: 'pong', id: 'hb-1' })
    await alice.close()
  })

  it('the server pings a silent client and closes it 4008 when it never answers', async () => {
    const server = await start({ idleTimeoutMs: 300, serverPingAfterMs: 100 })
    const silent = await user(server.url, server.socketUrl, 'silent')
    const ping = await silent.waitFor((f) => f.type === 'ping', 'server ping')
    expect(ping).toMatchObject({ type: 'ping', id: expect.any(String) })
    expect((await silent.closed).code).toBe(CloseCodes.IDLE_TIMEOUT)
  })

  it('a client answering server pings outlives several idle timeouts', async () => {
    // An idle timeout long enough that a busy machine's stall cannot pass for silence (200 ms did in CI).
    const server = await start({ idleTimeoutMs: 1_000, serverPingAfterMs: 250 })
    const alive = await user(server.url, server.socketUrl, 'alive')
    let answered = 0
    alive.ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id: string }
      if (frame.type === 'ping') {
        answered++
        alive.send({ type: 'pong', id: frame.id })
      }
    })
    // Eight answered pings span at least 8 × 250 ms = two idle timeouts.
    await alive.waitFor((f) => f.type === 'ping' && answered >= 8, 'eighth ping')
    expect(alive.ws.readyState).toBe(alive.ws.OPEN)
    await alive.close()
  })

  it('presence: a subscriber sees who is online at once, then online/offline changes', async () => {
    const server = await start()
    const early = await user(server.url, server.socketUrl, 'early')
    const watcher = await user(server.url, server.socketUrl, 'watcher', true)
    await watcher.waitFor((f) => f.type === 'presence' && f.user.uid === 'early', 'presence of early')
    const bob = await user(server.url, server.socketUrl, 'bob')
    const online = await watcher.waitFor<PresenceFrame>(
      (f) => f.type === 'presence' && f.user.uid === 'bob' && f.status === 'online',
      'bob online',
    )
    expect(online).toMatchObject({ user: { uid: 'bob', name: 'bob' }, at: expect.any(Number) })
    await bob.close()
    await watcher.waitFor(
      (f) => f.type === 'presence' && f.user.uid === 'bob' && f.status === 'offline',
      'bob offline',
    )
    expect(early.frames.filter((f) => f.type === 'presence')).toEqual([])
    await Promise.all([early.close(), watcher.close()])
  })

  it('messages A→B: the sender gets an ack, every socket of B gets the message', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    const bobPhone = await user(server.url, server.socketUrl, 'bob')
    const bobLaptop = await user(server.url, server.socketUrl, 'bob')
    alice.send({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hello bob' })
    const ack = await alice.waitFor((f) => f.type === 'message-ack', 'ack')
    const [m1, m2] = await Promise.all([
      bobPhone.waitFor<MessageFrame>((f) => f.type === 'message', 'message on phone'),
      bobLaptop.waitFor<MessageFrame>((f) => f.type === 'message', 'message on laptop'),
    ])
    expect(ack).toMatchObject({ ref: 'r1', message: { sender: 'alice', receiver: 'bob', text: 'hello bob' } })
    expect(m1.message).toEqual((ack as MessageFrame).message)
    expect(m2.message).toEqual((ack as MessageFrame).message)
    expect(alice.frames.filter((f) => f.type === 'message')).toEqual([])
    await Promise.all([alice.close(), bobPhone.close(), bobLaptop.close()])
  })

  it('an unknown receiver or empty text gets an error frame with the ref', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    alice.send({ type: 'send-message', ref: 'x1', receiver: 'ghost', text: 'boo' })
    alice.send({ type: 'send-message', ref: 'x2', receiver: 'alice', text: '' })
    expect(await alice.waitFor((f) => f.type === 'error' && f.ref === 'x1', 'error x1')).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: expect.stringContaining('unknown receiver'),
    })
    expect(await alice.waitFor((f) => f.type === 'error' && f.ref === 'x2', 'error x2')).toMatchObject({
      message: expect.stringContaining('empty'),
    })
    await alice.close()
  })

  it('sendThrottleNotice(uid?) sends throttle frames to everyone or to one user', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    const bob = await user(server.url, server.socketUrl, 'bob')
    expect(server.sendThrottleNotice('bob')).toBe(1)
    expect(await bob.waitFor((f) => f.type === 'throttle', 'throttle')).toEqual({
      type: 'throttle',
      feature: 'messages',
      retryAfterMs: 1000,
    })
    expect(server.sendThrottleNotice()).toBe(2)
    await alice.waitFor((f) => f.type === 'throttle', 'throttle for all')
    // Frames on one socket arrive in order: alice's ping answer proves no second notice was queued for her.
    alice.send({ type: 'ping', id: 'after' })
    await alice.waitFor((f) => f.type === 'pong', 'pong')
    expect(alice.frames.filter((f) => f.type === 'throttle')).toHaveLength(1)
    await Promise.all([alice.close(), bob.close()])
  })
})
