import { CloseCodes, ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { RealtimeServerCore, type RealtimeServerCoreOptions, type TokenStore } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle } from '../helpers/fake-connection.js'

function setup(options: RealtimeServerCoreOptions = {}) {
  const clock = new FakeClock()
  const core = new RealtimeServerCore({ clock, ...options })
  return { clock, core }
}

describe('auth handshake', () => {
  it('a valid token in the first frame gets auth-ok with the user, server time and idle timeout', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 30_000 })
    const { conn } = await connectUser(core, 'alice', { name: 'Alice' })
    expect(conn.sent[0]).toEqual({
      type: 'auth-ok',
      user: { uid: 'alice', name: 'Alice' },
      serverTime: clock.now(),
      idleTimeoutMs: 30_000,
      stream: { epoch: expect.stringMatching(/^[0-9a-f]{16}$/), offset: 0 },
    })
    expect(conn.closed).toBeNull()
  })

  it('an unknown token closes 4001', async () => {
    const { core } = setup()
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 'not-a-token' })
    await settle()
    expect(conn.closed?.code).toBe(CloseCodes.AUTH_FAILED)
    expect(conn.sent).toEqual([])
  })

  it('an expired token closes 4001', async () => {
    const { core, clock } = setup({ tokenTtlMs: 1000 })
    const { authToken } = await core.createSession('alice')
    clock.advance(1000)
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken })
    await settle()
    expect(conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'auth token expired' })
  })

  it('a revoked token closes 4001, and revoking closes sockets already using it', async () => {
    const { core } = setup()
    const { conn, authToken } = await connectUser(core, 'alice')
    const other = await connectUser(core, 'alice')
    expect(await core.revokeToken(authToken)).toBe(true)
    expect(conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token revoked' })
    expect(other.conn.closed).toBeNull()
    const again = openFake(core)
    again.sendFrame({ type: 'auth', v: 1, authToken })
    await settle()
    expect(again.closed?.code).toBe(CloseCodes.AUTH_FAILED)
  })

  it('a socket whose token expires while connected is closed 4001 at the expiry', async () => {
    const { core, clock } = setup({ tokenTtlMs: 10_000, idleTimeoutMs: 60_000, serverPingAfterMs: 0 })
    const { conn } = await connectUser(core, 'alice')
    clock.advance(9_999)
    expect(conn.closed).toBeNull()
    clock.advance(1)
    expect(conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token expired' })
  })

  it('no auth frame within the auth timeout closes 4002', () => {
    const { core, clock } = setup({ authTimeoutMs: 5000 })
    const conn = openFake(core)
    clock.advance(4999)
    expect(conn.closed).toBeNull()
    clock.advance(1)
    expect(conn.closed?.code).toBe(CloseCodes.AUTH_TIMEOUT)
  })

  it.each([
    ['a ping', { type: 'ping', id: '1' }],
    ['a message', { type: 'send-message', ref: 'r', receiver: 'b', text: 'hi' }],
    ['garbage', 'hello'],
  ])('%s before auth closes 4003', (_what, frame) => {
    const { core } = setup()
    const conn = openFake(core)
    conn.handlers.onText(typeof frame === 'string' ? frame : JSON.stringify(frame))
    expect(conn.closed?.code).toBe(CloseCodes.NOT_AUTHENTICATED)
  })

  it('a frame sent after auth but before auth-ok (slow token store) closes 4003', async () => {
    let release: (() => void) | undefined
    const slow: TokenStore = {
      save() {},
      get: (token) =>
        new Promise((resolve) => {
          release = () => resolve({ token, appId: 'demo-app', uid: 'a', expiresAt: Number.POSITIVE_INFINITY })
        }),
      revoke: () => true,
    }
    const { core } = setup({ tokenStore: slow })
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 'x' })
    conn.sendFrame({ type: 'ping', id: '1' })
    expect(conn.closed?.code).toBe(CloseCodes.NOT_AUTHENTICATED)
    release?.()
    await settle()
    expect(conn.sent).toEqual([])
  })

  it('a slow token store delays auth-ok without tripping the auth timeout', async () => {
    let release: (() => void) | undefined
    const slow: TokenStore = {
      save() {},
      get: (token) =>
        new Promise((resolve) => {
          release = () => resolve({ token, appId: 'demo-app', uid: 'a', expiresAt: Number.POSITIVE_INFINITY })
        }),
      revoke: () => true,
    }
    const { core, clock } = setup({ tokenStore: slow, authTimeoutMs: 100 })
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 'x' })
    clock.advance(1000)
    expect(conn.closed).toBeNull()
    release?.()
    await settle()
    expect(conn.sent[0]?.type).toBe('auth-ok')
  })

  it('a token store that throws closes 1011 (internal error), not 4001 (which would clear the session)', async () => {
    const broken: TokenStore = {
      save() {},
      get: () => Promise.reject(new Error('db down')),
      revoke: () => false,
    }
    const { core } = setup({ tokenStore: broken })
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 'x' })
    await settle()
    expect(conn.closed?.code).toBe(CloseCodes.INTERNAL_ERROR)
  })

  it.each([
    ['a wrong protocol version', { type: 'auth', v: 2, authToken: 't' }, 'unsupported protocol version'],
    ['an auth frame without a token', { type: 'auth', v: 1 }, 'authToken'],
  ])('%s gets an error frame, then close 4400', (_what, frame, message) => {
    const { core } = setup()
    const conn = openFake(core)
    conn.sendFrame(frame)
    expect(conn.sent).toEqual([
      { type: 'error', code: ErrorCodes.MALFORMED_FRAME, message: expect.stringContaining(message) },
    ])
    expect(conn.closed?.code).toBe(CloseCodes.PROTOCOL_ERROR)
  })

  it('an unknown or missing appId closes 4004 at once', () => {
    const { core } = setup()
    expect(openFake(core, 'other-app').closed).toEqual({
      code: CloseCodes.UNKNOWN_APP,
      reason: 'unknown appId',
    })
    expect(openFake(core, null).closed).toEqual({ code: CloseCodes.UNKNOWN_APP, reason: 'missing appId' })
    expect(core.connectionCount()).toBe(0)
  })

  it('a second auth frame on an authenticated socket is an error frame, the socket stays', async () => {
    const { core } = setup()
    const { conn, authToken } = await connectUser(core, 'alice')
    conn.sendFrame({ type: 'auth', v: 1, authToken })
    expect(conn.sent[1]).toMatchObject({ type: 'error', code: ErrorCodes.INVALID_ARGUMENT })
    expect(conn.closed).toBeNull()
  })
})

describe('ping, pong and the idle timeout', () => {
  it('answers a client ping with a pong of the same id', async () => {
    const { core } = setup()
    const { conn } = await connectUser(core, 'alice')
    conn.sendFrame({ type: 'ping', id: 'p-42' })
    expect(conn.sent.at(-1)).toEqual({ type: 'pong', id: 'p-42' })
  })

  it('pings a silent client, closes it 4008 if it stays silent for the idle timeout', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 4_000 })
    const { conn } = await connectUser(core, 'alice')
    clock.advance(3_999)
    expect(conn.ofType('ping')).toHaveLength(0)
    clock.advance(1)
    expect(conn.ofType('ping')).toHaveLength(1)
    clock.advance(5_999)
    expect(conn.closed).toBeNull()
    clock.advance(1)
    expect(conn.closed?.code).toBe(CloseCodes.IDLE_TIMEOUT)
    expect(conn.ofType('ping')).toHaveLength(1)
  })

  it('a client answering the server pings is never closed for idleness', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 4_000 })
    const { conn } = await connectUser(core, 'alice')
    for (let i = 0; i < 10; i++) {
      clock.advance(4_000)
      const ping = conn.ofType('ping').at(-1)
      expect(ping).toBeDefined()
      conn.sendFrame({ type: 'pong', id: ping?.id })
    }
    expect(conn.ofType('ping')).toHaveLength(10)
    expect(conn.closed).toBeNull()
  })

  it('any client frame postpones the idle deadline', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 0 })
    const { conn } = await connectUser(core, 'alice')
    clock.advance(9_000)
    conn.sendFrame({ type: 'ping', id: '1' })
    clock.advance(9_000)
    expect(conn.closed).toBeNull()
    clock.advance(1_000)
    expect(conn.closed?.code).toBe(CloseCodes.IDLE_TIMEOUT)
  })

  it('leaves no timer behind once every socket is closed', async () => {
    const { core, clock } = setup()
    await connectUser(core, 'alice')
    openFake(core)
    expect(clock.pendingCount()).toBeGreaterThan(0)
    core.shutdown()
    expect(clock.pendingCount()).toBe(0)
  })
})

describe('presence', () => {
  it('tells subscribers when a user comes online and goes offline (not the user itself)', async () => {
    const { core, clock } = setup()
    const watcher = await connectUser(core, 'watcher', { presence: true })
    const bob = await connectUser(core, 'bob')
    expect(watcher.conn.ofType('presence')).toEqual([
      { type: 'presence', user: { uid: 'bob', name: 'bob' }, status: 'online', at: clock.now() },
    ])
    expect(bob.conn.ofType('presence')).toEqual([])
    bob.conn.handlers.onClose()
    expect(watcher.conn.ofType('presence').at(-1)).toMatchObject({ user: { uid: 'bob' }, status: 'offline' })
  })

  it('a user stays online while at least one socket is open', async () => {
    const { core } = setup()
    const watcher = await connectUser(core, 'watcher', { presence: true })
    const first = await connectUser(core, 'bob')
    const second = await connectUser(core, 'bob')
    first.conn.handlers.onClose()
    expect(watcher.conn.ofType('presence').map((f) => f.status)).toEqual(['online'])
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['watcher', 'bob'])
    second.conn.handlers.onClose()
    expect(watcher.conn.ofType('presence').map((f) => f.status)).toEqual(['online', 'offline'])
  })

  it('a new subscriber gets everyone already online; a non-subscriber gets nothing', async () => {
    const { core } = setup()
    await connectUser(core, 'alice')
    await connectUser(core, 'bob')
    const late = await connectUser(core, 'carol', { presence: true })
    const quiet = await connectUser(core, 'dave')
    expect(late.conn.ofType('presence').map((f) => [f.user.uid, f.status])).toEqual([
      ['alice', 'online'],
      ['bob', 'online'],
      ['dave', 'online'],
    ])
    expect(quiet.conn.ofType('presence')).toEqual([])
  })
})

describe('messages', () => {
  it('stores a message, acks the sender, delivers to every socket of the receiver', async () => {
    const { core, clock } = setup()
    const alice = await connectUser(core, 'alice')
    const bob1 = await connectUser(core, 'bob')
    const bob2 = await connectUser(core, 'bob')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hello' })
    await settle()
    const ack = alice.conn.ofType('message-ack')[0]
    expect(ack).toEqual({
      type: 'message-ack',
      ref: 'r1',
      message: {
        id: expect.stringMatching(/^msg_/),
        sender: 'alice',
        receiver: 'bob',
        text: 'hello',
        sentAt: clock.now(),
      },
    })
    expect(bob1.conn.ofType('message')).toEqual([{ type: 'message', message: ack?.message, offset: 1 }])
    expect(bob2.conn.ofType('message')).toEqual([{ type: 'message', message: ack?.message, offset: 1 }])
    expect(core.messages()).toEqual([ack?.message])
  })

  it('stores messages to a known but offline user', async () => {
    const { core } = setup()
    await core.createSession('bob')
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r', receiver: 'bob', text: 'later' })
    await settle()
    expect(alice.conn.ofType('message-ack')).toHaveLength(1)
    expect(core.messages()).toHaveLength(1)
  })

  it('gives every message a distinct id', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    for (let i = 0; i < 5; i++)
      alice.conn.sendFrame({ type: 'send-message', ref: `r${i}`, receiver: 'alice', text: 'x' })
    await settle()
    expect(new Set(alice.conn.ofType('message-ack').map((f) => f.message.id)).size).toBe(5)
  })

  it.each([
    ['an unknown receiver', { receiver: 'nobody', text: 'hi' }, 'unknown receiver'],
    ['empty text', { receiver: 'alice', text: '' }, 'empty'],
    ['blank text', { receiver: 'alice', text: '  \n ' }, 'empty'],
    ['text over the limit', { receiver: 'alice', text: 'x'.repeat(11) }, 'longer than 10'],
  ])('%s gets an error frame with the ref and stores nothing', async (_what, fields, message) => {
    const { core } = setup({ maxTextLength: 10 })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r9', ...fields })
    expect(alice.conn.sent.at(-1)).toEqual({
      type: 'error',
      code: ErrorCodes.INVALID_ARGUMENT,
      message: expect.stringContaining(message),
      ref: 'r9',
    })
    expect(core.messages()).toEqual([])
    expect(alice.conn.closed).toBeNull()
  })

  it('keeps only the newest messageLogSize messages', async () => {
    const { core } = setup({ messageLogSize: 3 })
    const alice = await connectUser(core, 'alice')
    for (let i = 0; i < 5; i++)
      alice.conn.sendFrame({ type: 'send-message', ref: `r${i}`, receiver: 'alice', text: `m${i}` })
    await settle()
    expect(core.messages().map((m) => m.text)).toEqual(['m2', 'm3', 'm4'])
  })
})

describe('throttle notices and limits', () => {
  it('sendThrottleNotice reaches every authenticated socket, or only one user', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    const bob = await connectUser(core, 'bob')
    const unauthed = openFake(core)
    expect(core.sendThrottleNotice()).toBe(2)
    expect(core.sendThrottleNotice('bob', { feature: 'ping', retryAfterMs: 250 })).toBe(1)
    expect(alice.conn.ofType('throttle')).toEqual([
      { type: 'throttle', feature: 'messages', retryAfterMs: 1000 },
    ])
    expect(bob.conn.ofType('throttle')).toEqual([
      { type: 'throttle', feature: 'messages', retryAfterMs: 1000 },
      { type: 'throttle', feature: 'ping', retryAfterMs: 250 },
    ])
    expect(unauthed.sent).toEqual([])
  })

  it('rate limit: the first excess frame gets one throttle notice and is dropped; calm ends the episode', async () => {
    const { core, clock } = setup({ rateLimit: { framesPerSecond: 10, burst: 5, maxDroppedFrames: 100 } })
    const alice = await connectUser(core, 'alice') // the auth frame took one token
    for (let i = 0; i < 10; i++) alice.conn.sendFrame({ type: 'ping', id: String(i) })
    expect(alice.conn.ofType('pong').map((f) => f.id)).toEqual(['0', '1', '2', '3'])
    expect(alice.conn.ofType('throttle')).toEqual([
      { type: 'throttle', feature: 'frames', retryAfterMs: 100 },
    ])
    clock.advance(500) // the bucket is full again: the episode is over
    for (let i = 0; i < 10; i++) alice.conn.sendFrame({ type: 'ping', id: `b${i}` })
    expect(alice.conn.ofType('throttle')).toHaveLength(2)
    expect(alice.conn.closed).toBeNull()
  })

  it('sustained flooding closes 4029 after maxDroppedFrames drops', async () => {
    const { core } = setup({ rateLimit: { framesPerSecond: 10, burst: 5, maxDroppedFrames: 20 } })
    const alice = await connectUser(core, 'alice')
    for (let i = 0; i < 4 + 20; i++) alice.conn.sendFrame({ type: 'ping', id: String(i) })
    expect(alice.conn.closed).toBeNull()
    alice.conn.sendFrame({ type: 'ping', id: 'last' })
    expect(alice.conn.closed?.code).toBe(CloseCodes.RATE_LIMITED)
  })

  it('an oversized frame closes 1009 without being parsed', async () => {
    const { core } = setup({ maxFrameBytes: 100 })
    const alice = await connectUser(core, 'alice')
    alice.conn.handlers.onText(JSON.stringify({ type: 'ping', id: 'é'.repeat(60) }))
    expect(alice.conn.closed?.code).toBe(CloseCodes.FRAME_TOO_LARGE)
    expect(alice.conn.ofType('pong')).toEqual([])
  })

  it('malformed frames get error frames; the 10th closes 4400', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    const bad = ['{', '[]', '{"type":"nope"}', '{"type":"ping"}', '42', 'null', '{"type":7}', 'x', '"s"']
    for (const text of bad) alice.conn.handlers.onText(text)
    expect(alice.conn.ofType('error')).toHaveLength(9)
    expect(alice.conn.ofType('error').every((f) => f.code === ErrorCodes.MALFORMED_FRAME)).toBe(true)
    expect(alice.conn.closed).toBeNull()
    alice.conn.handlers.onBinary()
    expect(alice.conn.ofType('error')).toHaveLength(10)
    expect(alice.conn.closed?.code).toBe(CloseCodes.PROTOCOL_ERROR)
  })

  it('valid frames between malformed ones still work', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    alice.conn.handlers.onText('{')
    alice.conn.sendFrame({ type: 'ping', id: 'ok' })
    expect(alice.conn.sent.slice(1).map((f) => f.type)).toEqual(['error', 'pong'])
  })
})

describe('shutdown and inspection', () => {
  it('shutdown closes every socket 1001 without presence noise, and refuses new sockets with 1001', async () => {
    const { core } = setup()
    const watcher = await connectUser(core, 'watcher', { presence: true })
    const bob = await connectUser(core, 'bob')
    const before = watcher.conn.sent.length
    core.shutdown()
    expect(watcher.conn.closed?.code).toBe(CloseCodes.GOING_AWAY)
    expect(bob.conn.closed?.code).toBe(CloseCodes.GOING_AWAY)
    expect(watcher.conn.sent.length).toBe(before)
    expect(openFake(core).closed?.code).toBe(CloseCodes.GOING_AWAY)
    expect(core.connectionCount()).toBe(0)
  })

  it('sendRawFrame sends text verbatim to authenticated sockets', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    expect(core.sendRawFrame('not json')).toBe(1)
    expect(alice.conn.rawSent.at(-1)).toBe('not json')
  })

  it('a closed socket ignores further frames and a second close report', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    alice.conn.handlers.onClose()
    alice.conn.handlers.onClose()
    alice.conn.sendFrame({ type: 'ping', id: '1' })
    expect(alice.conn.ofType('pong')).toEqual([])
    expect(core.connectionCount()).toBe(0)
    expect(core.onlineUsers()).toEqual([])
  })
})
