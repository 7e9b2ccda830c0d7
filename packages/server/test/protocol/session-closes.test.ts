import { CloseCodes, ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { RealtimeServerCore, type RealtimeServerCoreOptions } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle } from '../helpers/fake-connection.js'

// Each way the session ends a socket, with the reason a developer reads in the close frame, and the
// server's own pings: when they go, their ids, and that any frame counts as an answer.

function setup(options: RealtimeServerCoreOptions = {}) {
  const clock = new FakeClock()
  return { clock, core: new RealtimeServerCore({ clock, ...options }) }
}

describe('why the session closes a socket', () => {
  it('before auth: a frame other than auth, a broken or foreign auth frame, no auth in time', async () => {
    const { core, clock } = setup({ authTimeoutMs: 1_000 })
    const early = openFake(core)
    early.sendFrame({ type: 'ping', id: '1' })
    expect(early.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'authenticate first' })
    const garbage = openFake(core)
    garbage.handlers.onText('{')
    expect(garbage.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'authenticate first' })
    const binary = openFake(core)
    binary.handlers.onBinary()
    expect(binary.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'authenticate first' })
    const broken = openFake(core)
    broken.sendFrame({ type: 'auth', v: 1, authToken: '' })
    expect(broken.closed).toEqual({ code: CloseCodes.PROTOCOL_ERROR, reason: 'bad auth frame' })
    expect(broken.sent).toEqual([
      expect.objectContaining({ type: 'error', code: ErrorCodes.MALFORMED_FRAME }),
    ])
    const version = openFake(core)
    version.sendFrame({ type: 'auth', v: 99, authToken: 't' })
    expect(version.sent[0]).toMatchObject({
      message: expect.stringContaining('unsupported protocol version 99'),
    })
    expect(version.closed?.reason).toBe('bad auth frame')
    const silent = openFake(core)
    clock.advance(999)
    expect(silent.closed).toBeNull()
    clock.advance(1)
    expect(silent.closed).toEqual({ code: CloseCodes.AUTH_TIMEOUT, reason: 'no auth frame in time' })
  })

  it('a frame while the token is checked: wait for auth-ok', async () => {
    const { core } = setup()
    const { authToken } = await core.createSession('alice')
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken })
    conn.sendFrame({ type: 'ping', id: '1' }) // pipelined before auth-ok
    expect(conn.closed).toEqual({ code: CloseCodes.NOT_AUTHENTICATED, reason: 'wait for auth-ok' })
    await settle()
    expect(conn.sent).toEqual([]) // the late answer goes nowhere
  })

  it('after auth: a second auth is an error frame; binary frames count as malformed; limits close with their reason', async () => {
    const { core } = setup({ maxFrameBytes: 100, maxMalformedFrames: 2 })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'auth', v: 1, authToken: 'x' })
    expect(alice.conn.ofType('error').at(-1)).toEqual({
      type: 'error',
      code: ErrorCodes.INVALID_ARGUMENT,
      message: 'this socket is already authenticated',
    })
    alice.conn.handlers.onBinary()
    expect(alice.conn.ofType('error').at(-1)).toMatchObject({
      message: 'binary frames are not part of the protocol',
    })
    expect(alice.conn.closed).toBeNull()
    alice.conn.handlers.onBinary()
    expect(alice.conn.closed).toEqual({
      code: CloseCodes.PROTOCOL_ERROR,
      reason: 'too many malformed frames',
    })

    const bob = await connectUser(core, 'bob')
    bob.conn.handlers.onText('x'.repeat(101))
    expect(bob.conn.closed).toEqual({ code: CloseCodes.FRAME_TOO_LARGE, reason: 'frame too large' })
    const carol = await connectUser(
      setup({ rateLimit: { framesPerSecond: 1, burst: 1, maxDroppedFrames: 1 } }).core,
      'carol',
    )
    carol.conn.sendFrame({ type: 'ping', id: '1' })
    carol.conn.sendFrame({ type: 'ping', id: '2' })
    expect(carol.conn.closed).toEqual({ code: CloseCodes.RATE_LIMITED, reason: 'rate limit exceeded' })
  })

  it('a closed socket answers nothing more, and a pong is accepted silently', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'pong', id: 'whatever' })
    expect(alice.conn.sent).toHaveLength(1) // auth-ok only
    alice.conn.handlers.onClose()
    alice.conn.sendFrame({ type: 'ping', id: '1' })
    alice.conn.handlers.onBinary()
    expect(alice.conn.sent).toHaveLength(1)
  })
})

describe("the server's pings and the idle timeout", () => {
  it('a ping after serverPingAfterMs of silence, one at a time, ids per socket; idle closes at idleTimeoutMs', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 4_000 })
    const alice = await connectUser(core, 'alice')
    clock.advance(3_999)
    expect(alice.conn.ofType('ping')).toEqual([])
    clock.advance(1)
    const first = alice.conn.ofType('ping')
    expect(first).toHaveLength(1)
    expect(first[0]?.id).toMatch(/^s\d+-1$/)
    clock.advance(4_000) // no answer: no second ping, the idle deadline still counts from the last frame
    expect(alice.conn.ofType('ping')).toHaveLength(1)
    alice.conn.sendFrame({ type: 'pong', id: first[0]!.id }) // activity at 8,000 ms
    clock.advance(3_999)
    expect(alice.conn.ofType('ping')).toHaveLength(1)
    clock.advance(1)
    expect(alice.conn.ofType('ping').map((p) => p.id)).toEqual([
      first[0]!.id,
      first[0]!.id.replace(/-1$/, '-2'),
    ])
    clock.advance(5_999)
    expect(alice.conn.closed).toBeNull()
    clock.advance(1)
    expect(alice.conn.closed).toEqual({ code: CloseCodes.IDLE_TIMEOUT, reason: 'idle timeout' })
  })

  it('serverPingAfterMs 0: no pings at all, only the idle timeout', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 5_000, serverPingAfterMs: 0 })
    const alice = await connectUser(core, 'alice')
    clock.advance(4_999)
    expect(alice.conn.ofType('ping')).toEqual([])
    expect(alice.conn.closed).toBeNull()
    clock.advance(1)
    expect(alice.conn.closed?.reason).toBe('idle timeout')
  })

  it('a token that expires while its socket is open closes it 4001 (token expired)', async () => {
    const { core, clock } = setup({ tokenTtlMs: 3_000, idleTimeoutMs: 60_000 })
    const alice = await connectUser(core, 'alice')
    clock.advance(2_999)
    expect(alice.conn.closed).toBeNull()
    clock.advance(1)
    expect(alice.conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token expired' })
  })
})
