import { CloseCodes, ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { useServers } from '../helpers/server-fixture.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const start = useServers()

async function user(url: string, socketUrl: string, uid: string) {
  const { authToken } = await httpLogin(url, uid)
  return TestClient.authed(socketUrl, authToken)
}

describe('limits over real sockets', () => {
  it('a frame over maxFrameBytes closes 1009; one at the limit is fine', async () => {
    const server = await start({ maxFrameBytes: 1024 })
    const alice = await user(server.url, server.socketUrl, 'alice')
    const frameOf = (size: number) => {
      const empty = JSON.stringify({ type: 'ping', id: '' })
      return JSON.stringify({ type: 'ping', id: 'x'.repeat(size - empty.length) })
    }
    // ids are capped at 256 characters, so the at-limit frame is malformed but not oversized.
    alice.send(frameOf(1024))
    await alice.waitFor((f) => f.type === 'error', 'error for the at-limit frame')
    alice.send(frameOf(1025))
    expect((await alice.closed).code).toBe(CloseCodes.FRAME_TOO_LARGE)
  })

  it('the default limit is 64 KiB', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    alice.send('x'.repeat(64 * 1024 + 1))
    expect((await alice.closed).code).toBe(CloseCodes.FRAME_TOO_LARGE)
  })

  it('malformed JSON and unknown types get ERR_MALFORMED_FRAME error frames; the 10th closes 4400', async () => {
    const server = await start()
    const alice = await user(server.url, server.socketUrl, 'alice')
    alice.send('{not json')
    alice.send({ type: 'subscribe', channel: 'x' })
    const errors = await alice.waitFor(
      (f) => f.type === 'error' && alice.frames.filter((g) => g.type === 'error').length === 2,
      'two errors',
    )
    expect(errors).toMatchObject({ code: ErrorCodes.MALFORMED_FRAME })
    expect(
      alice.frames.filter((f) => f.type === 'error').map((f) => f.type === 'error' && f.message),
    ).toEqual(['the frame is not valid JSON', 'unknown frame type'])
    for (let i = 0; i < 8; i++) alice.send(i % 2 ? '[]' : { type: 'nope' })
    expect((await alice.closed).code).toBe(CloseCodes.PROTOCOL_ERROR)
    expect(alice.frames.filter((f) => f.type === 'error')).toHaveLength(10)
  })

  it('a binary frame counts as malformed', async () => {
    const server = await start({ maxMalformedFrames: 1 })
    const alice = await user(server.url, server.socketUrl, 'alice')
    alice.ws.send(Buffer.from([1, 2, 3]))
    expect((await alice.closed).code).toBe(CloseCodes.PROTOCOL_ERROR)
  })

  it('a ping flood gets a throttle notice then 4029, while a second client on the server keeps working', async () => {
    const server = await start()
    const flooder = await user(server.url, server.socketUrl, 'flooder')
    const calm = await user(server.url, server.socketUrl, 'calm')
    for (let i = 0; i < 2_000; i++) flooder.send({ type: 'ping', id: String(i) })
    // The calm client's round trips, interleaved with the flood, all complete.
    for (let i = 0; i < 5; i++) {
      calm.send({ type: 'ping', id: `calm-${i}` })
      await calm.waitFor((f) => f.type === 'pong' && f.id === `calm-${i}`, `calm pong ${i}`)
    }
    calm.send({ type: 'send-message', ref: 'm', receiver: 'calm', text: 'still here' })
    await calm.waitFor((f) => f.type === 'message-ack', 'calm message ack')
    expect((await flooder.closed).code).toBe(CloseCodes.RATE_LIMITED)
    const throttles = flooder.frames.filter((f) => f.type === 'throttle')
    expect(throttles).toEqual([{ type: 'throttle', feature: 'frames', retryAfterMs: expect.any(Number) }])
    // Burst 40, minus the auth frame's token, plus what refilled while the flood was read.
    const pongs = flooder.frames.filter((f) => f.type === 'pong').length
    expect(pongs).toBeGreaterThanOrEqual(39)
    expect(pongs).toBeLessThan(100)
    expect(calm.ws.readyState).toBe(calm.ws.OPEN)
    expect(server.core.onlineUsers().map((u) => u.uid)).toEqual(['calm'])
    await calm.close()
  })
})
