import { CloseCodes, ErrorCodes, type WireUser } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  createMemoryBackend,
  createMemoryStore,
  createMemoryTokenStore,
  RealtimeServerCore,
  type RealtimeServerCoreOptions,
  type ServerStore,
  StoreUnavailableError,
  type TokenRecord,
  type TokenStore,
  type UserDirectory,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle, until } from '../helpers/fake-connection.js'

// What a socket does at the edges of its life: frames, acks and store answers that arrive after it
// closed, store failures while it authenticates, frames the rate limit drops, server pings around client
// activity, tokens that never expire or expire beyond a timer's range, and the order of its sends when
// receiver lookups answer late.

function setup(options: RealtimeServerCoreOptions = {}) {
  const clock = new FakeClock()
  const core = new RealtimeServerCore({ clock, ...options })
  return { clock, core }
}

/** A promise the test settles. */
function gate<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A token store whose `get` waits for the test: `pending` holds one gate per lookup, in order. */
function slowTokens() {
  const inner = createMemoryTokenStore()
  const pending: Array<ReturnType<typeof gate<TokenRecord | undefined>> & { token: string }> = []
  const tokens: TokenStore = {
    save: (record) => inner.save(record),
    revoke: (token) => inner.revoke(token),
    get: (token) => {
      const g = { ...gate<TokenRecord | undefined>(), token }
      pending.push(g)
      return g.promise
    },
  }
  const release = () => {
    for (const g of pending.splice(0)) g.resolve(inner.get(g.token) as TokenRecord | undefined)
  }
  return { tokens, pending, release }
}

describe('a socket after it closed', () => {
  it('a send-message that arrives after the transport closed is not stored or delivered', async () => {
    const { core } = setup()
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    alice.conn.handlers.onClose()
    alice.conn.sendFrame({ type: 'send-message', ref: 'late', receiver: 'bob', text: 'hi' })
    await settle()
    expect(core.messages()).toEqual([])
    expect(bob.conn.ofType('message')).toEqual([])
    expect(alice.conn.closed).toBeNull()
  })

  it('an auth frame that arrives after the transport closed authenticates nobody', async () => {
    const { core } = setup()
    const { authToken } = await core.createSession('alice')
    const conn = openFake(core)
    conn.handlers.onClose()
    conn.sendFrame({ type: 'auth', v: 1, authToken, presence: true })
    await settle()
    expect(conn.sent).toEqual([])
    expect(conn.closed).toBeNull()
    expect(core.onlineUsers()).toEqual([])
    expect(core.connectionCount()).toBe(0)
  })

  it('the ack of a message whose append finishes after the sender closed is not sent; the receiver still gets it', async () => {
    const clock = new FakeClock()
    const inner = createMemoryStore({ now: () => clock.now() })
    const appends: Array<() => void> = []
    const store: ServerStore = {
      ...inner,
      appendMessage: (message, id) =>
        new Promise((resolve) => appends.push(() => resolve(inner.appendMessage(message, id)))),
    }
    const core = new RealtimeServerCore({ clock, store })
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hi' })
    await until(() => appends.length === 1, 'the append')
    alice.conn.handlers.onClose()
    const before = alice.conn.rawSent.length
    appends.shift()?.()
    await until(() => bob.conn.ofType('message').length === 1, 'the delivery')
    expect(alice.conn.rawSent.length).toBe(before)
    expect(bob.conn.ofType('message')[0]?.message.text).toBe('hi')
  })

  it('a socket closed while its token is checked: the answer authenticates nobody, and a failing check closes nothing', async () => {
    const slow = slowTokens()
    const { core } = setup({ tokenStore: slow.tokens })
    const { authToken } = await core.createSession('alice')
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken, presence: true })
    await until(() => slow.pending.length === 1, 'the token check')
    conn.handlers.onClose()
    slow.release()
    await settle()
    expect(conn.sent).toEqual([])
    expect(conn.closed).toBeNull()
    expect(core.onlineUsers()).toEqual([])

    const failing = openFake(core)
    failing.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => slow.pending.length === 1, 'the second token check')
    failing.handlers.onClose()
    slow.pending.shift()?.reject(new Error('store broke'))
    await settle()
    expect(failing.closed).toBeNull()
    expect(core.connectionCount()).toBe(0)
  })
})

describe('store failures while a socket authenticates', () => {
  const failingTokens = (error: Error): TokenStore => ({
    save: () => undefined,
    revoke: () => false,
    get: () => Promise.reject(error),
  })

  it('an unavailable token store: 4013 with the retry hint', async () => {
    const { core } = setup({ tokenStore: failingTokens(new StoreUnavailableError('down')) })
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 't' })
    await settle()
    expect(conn.closed).toEqual({
      code: CloseCodes.TRY_AGAIN_LATER,
      reason: 'store unavailable; retry after 2000 ms',
    })
  })

  it('a token store that fails otherwise: 1011 "auth check failed", never 4001', async () => {
    const { core } = setup({ tokenStore: failingTokens(new Error('bug')) })
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 't' })
    await settle()
    expect(conn.closed).toEqual({ code: CloseCodes.INTERNAL_ERROR, reason: 'auth check failed' })
  })

  it('revoking a token leaves sockets that have not authenticated alone', async () => {
    const { core } = setup()
    const waiting = openFake(core)
    const alice = await connectUser(core, 'alice')
    expect(await core.revokeToken(alice.authToken)).toBe(true)
    expect(alice.conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token revoked' })
    expect(waiting.closed).toBeNull()
    expect(core.connectionCount()).toBe(1)
  })
})

describe('frames the rate limit drops', () => {
  it('a dropped binary frame gets no error (only the one throttle notice)', async () => {
    const { core } = setup({ rateLimit: { framesPerSecond: 1, burst: 2, maxDroppedFrames: 10 } })
    const alice = await connectUser(core, 'alice')
    for (let i = 0; i < 4; i++) alice.conn.handlers.onBinary()
    expect(alice.conn.sent.map((f) => f.type)).toEqual(['auth-ok', 'error', 'throttle'])
    expect(alice.conn.closed).toBeNull()
  })

  it('the frame that exceeds the rate limit is not processed: a second auth frame authenticates nobody', async () => {
    const { core } = setup({ rateLimit: { framesPerSecond: 1, burst: 1, maxDroppedFrames: 1 } })
    const { authToken } = await core.createSession('alice')
    const conn = openFake(core)
    // The first is admitted (its token is being checked), the second dropped, the third closes.
    for (let i = 0; i < 3; i++) conn.sendFrame({ type: 'auth', v: 1, authToken, presence: true })
    expect(conn.closed).toEqual({ code: CloseCodes.RATE_LIMITED, reason: 'rate limit exceeded' })
    await settle()
    expect(conn.sent.map((f) => f.type)).toEqual(['throttle'])
    expect(conn.closed).toEqual({ code: CloseCodes.RATE_LIMITED, reason: 'rate limit exceeded' })
    expect(core.onlineUsers()).toEqual([])
    expect(core.connectionCount()).toBe(0)
  })
})

describe('server pings around client activity', () => {
  it('the ping waits for serverPingAfterMs of silence, counted from the last client frame', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 4_000 })
    const alice = await connectUser(core, 'alice')
    clock.advance(3_000)
    alice.conn.sendFrame({ type: 'pong', id: 'x' })
    clock.advance(1_000) // 4 s after auth, 1 s after the client's frame
    expect(alice.conn.ofType('ping')).toEqual([])
    clock.advance(2_999)
    expect(alice.conn.ofType('ping')).toEqual([])
    clock.advance(1)
    expect(alice.conn.ofType('ping')).toHaveLength(1)
  })

  it('with server pings off (0), a socket that spoke lately gets no ping, only the idle close after full silence', async () => {
    const { core, clock } = setup({ idleTimeoutMs: 10_000, serverPingAfterMs: 0 })
    const alice = await connectUser(core, 'alice')
    clock.advance(5_000)
    alice.conn.sendFrame({ type: 'ping', id: 'c1' })
    clock.advance(9_999)
    expect(alice.conn.ofType('ping')).toEqual([])
    expect(alice.conn.closed).toBeNull()
    clock.advance(1)
    expect(alice.conn.ofType('ping')).toEqual([])
    expect(alice.conn.closed).toEqual({ code: CloseCodes.IDLE_TIMEOUT, reason: 'idle timeout' })
  })
})

describe('token expiry at the edges', () => {
  it('a token that never expires arms no expiry timer', async () => {
    const inner = createMemoryTokenStore()
    const forever: TokenStore = {
      save: (record) => inner.save({ ...record, expiresAt: Number.POSITIVE_INFINITY }),
      get: (token) => inner.get(token),
      revoke: (token) => inner.revoke(token),
    }
    const { core, clock } = setup({ tokenStore: forever, serverPingAfterMs: 0 })
    await connectUser(core, 'alice')
    // The idle timer only.
    expect(clock.pendingCount()).toBe(1)
  })

  it('a token valid for longer than a timer can wait (2^31 - 1 ms) still expires at its time, not before', async () => {
    const day = 24 * 60 * 60 * 1000
    const { core, clock } = setup({ tokenTtlMs: 30 * day, idleTimeoutMs: 1e12, serverPingAfterMs: 0 })
    const alice = await connectUser(core, 'alice')
    clock.advance(2_147_483_647)
    expect(alice.conn.closed).toBeNull()
    clock.advance(30 * day - 2_147_483_647 - 1)
    expect(alice.conn.closed).toBeNull()
    clock.advance(1)
    expect(alice.conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token expired' })
  })
})

describe('text length and receiver lookups', () => {
  it('a text of exactly maxTextLength characters is stored', async () => {
    const { core } = setup({ maxTextLength: 10 })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r', receiver: 'alice', text: 'x'.repeat(10) })
    await until(() => alice.conn.ofType('message-ack').length === 1, 'the ack')
    expect(core.messages().map((m) => m.text)).toEqual(['x'.repeat(10)])
  })

  /** A user directory whose lookups wait for the test, per uid; creations answer at once. */
  function slowDirectory() {
    const backend = createMemoryBackend()
    const inner = backend.users
    const lookups: Array<{ uid: string; answer: () => void; fail: () => void }> = []
    const users: UserDirectory = {
      ensure: (user) => inner.ensure(user),
      get: (uid) =>
        new Promise<WireUser | undefined>((resolve, reject) => {
          lookups.push({
            uid,
            answer: () => resolve(inner.get(uid) as WireUser | undefined),
            fail: () => reject(new Error('directory broke')),
          })
        }),
    }
    return { backend: { ...backend, users }, inner, lookups }
  }

  it('an unknown receiver found unknown by a late lookup: an error frame with the ref, nothing stored', async () => {
    const dir = slowDirectory()
    const core = new RealtimeServerCore({ clock: new FakeClock(), backend: dir.backend })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'zed', text: 'hi' })
    await until(() => dir.lookups.length === 1, 'the lookup')
    dir.lookups.shift()?.answer()
    await until(() => alice.conn.ofType('error').length === 1, 'the refusal')
    expect(alice.conn.ofType('error')).toEqual([
      { type: 'error', code: ErrorCodes.INVALID_ARGUMENT, message: 'unknown receiver "zed"', ref: 'r1' },
    ])
    expect(core.messages()).toEqual([])
  })

  it('a lookup that fails: ERR_SERVER_ERROR with the ref, the socket stays', async () => {
    const dir = slowDirectory()
    const core = new RealtimeServerCore({ clock: new FakeClock(), backend: dir.backend })
    dir.inner.ensure({ uid: 'bob', name: 'bob' })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hi' })
    await until(() => dir.lookups.length === 1, 'the lookup')
    dir.lookups.shift()?.fail()
    await until(() => alice.conn.ofType('error').length === 1, 'the refusal')
    expect(alice.conn.ofType('error')).toEqual([
      {
        type: 'error',
        code: ErrorCodes.SERVER_ERROR,
        message: 'the message could not be stored; send it again',
        ref: 'r1',
      },
    ])
    expect(alice.conn.closed).toBeNull()
    expect(core.messages()).toEqual([])
  })

  it('a sender that closes while its receiver is looked up: nothing is stored', async () => {
    const dir = slowDirectory()
    const core = new RealtimeServerCore({ clock: new FakeClock(), backend: dir.backend })
    dir.inner.ensure({ uid: 'bob', name: 'bob' })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hi' })
    await until(() => dir.lookups.length === 1, 'the lookup')
    alice.conn.handlers.onClose()
    dir.lookups.shift()?.answer()
    await settle()
    expect(core.messages()).toEqual([])
    expect((await core.store.position('bob')).offset).toBe(0)
  })

  it('sends stay in order across two pending lookups: a later send to a known receiver waits for both', async () => {
    const dir = slowDirectory()
    const core = new RealtimeServerCore({ clock: new FakeClock(), backend: dir.backend })
    dir.inner.ensure({ uid: 'carol', name: 'carol' })
    dir.inner.ensure({ uid: 'dave', name: 'dave' })
    const alice = await connectUser(core, 'alice')
    const send = (ref: string, receiver: string) =>
      alice.conn.sendFrame({ type: 'send-message', ref, receiver, text: ref })
    send('s1', 'carol')
    send('s2', 'dave')
    await until(() => dir.lookups.length === 1, 'carol looked up')
    dir.lookups.shift()?.answer()
    await until(() => dir.lookups.length === 1, 'dave looked up')
    // alice is known (she authenticated): her lookup needs no directory, but s2 is still pending.
    send('s3', 'alice')
    await settle()
    dir.lookups.shift()?.answer()
    await until(() => alice.conn.ofType('message-ack').length === 3, 'three acks')
    expect(alice.conn.ofType('message-ack').map((f) => f.ref)).toEqual(['s1', 's2', 's3'])
    expect(core.messages().map((m) => m.text)).toEqual(['s1', 's2', 's3'])
  })
})

describe('presence at shutdown', () => {
  it('a watcher closed after others hears nothing about them leaving', async () => {
    const { core } = setup()
    const bob = await connectUser(core, 'bob')
    const watcher = await connectUser(core, 'watcher', { presence: true })
    const before = watcher.conn.sent.length
    core.shutdown()
    expect(bob.conn.closed?.code).toBe(CloseCodes.GOING_AWAY)
    expect(watcher.conn.sent.length).toBe(before)
    expect(core.onlineUsers()).toEqual([])
  })
})
