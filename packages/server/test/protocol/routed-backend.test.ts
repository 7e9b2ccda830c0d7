import { CloseCodes, ErrorCodes, type WireUser } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  type BackendEvents,
  createMemoryBackend,
  createMemoryTokenStore,
  createMemoryUserDirectory,
  type InboxRouting,
  type PresenceHub,
  RealtimeServerCore,
  type ServerBackend,
  StoreUnavailableError,
  type TokenStore,
  type UserDirectory,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle, until } from '../helpers/fake-connection.js'

// The core with a backend that routes between processes (what the Redis backend does), in this process:
// the memory backend's parts, a routing whose `watch` the test answers, and the backend's events (live
// deliveries, revocations from other processes, recovery after a store outage) raised by the test.

function routedBackend(clock: FakeClock) {
  const base = createMemoryBackend({ now: () => clock.now() })
  let events: BackendEvents | null = null
  const watched: string[] = []
  const unwatched: string[] = []
  /** How the next `watch` answers: at once (the default), or with a promise the test settles. */
  let nextWatch: () => Promise<void> = () => Promise.resolve()
  const routing: InboxRouting = {
    watch: (uid) => {
      watched.push(uid)
      return nextWatch()
    },
    unwatch: (uid) => {
      unwatched.push(uid)
    },
  }
  // Tokens and users a store outage can lose.
  let tokens = createMemoryTokenStore()
  let users = createMemoryUserDirectory()
  const tokenStore: TokenStore = {
    save: (record) => tokens.save(record),
    get: (token) => tokens.get(token),
    revoke: (token) => tokens.revoke(token),
  }
  const userDirectory: UserDirectory = {
    ensure: (user) => users.ensure(user),
    get: (uid) => users.get(uid),
  }
  // The hub counts joins and leaves; a join may answer later (a networked hub).
  const hub = { joins: [] as string[], leaves: [] as string[], nextJoin: null as Promise<void> | null }
  const presence: PresenceHub = {
    join: (user, at) => {
      hub.joins.push(user.uid)
      base.presence.join(user, at)
      const later = hub.nextJoin
      hub.nextJoin = null
      return later ?? undefined
    },
    leave: (uid, at) => {
      hub.leaves.push(uid)
      base.presence.leave(uid, at)
    },
    online: () => base.presence.online(),
  }
  const backend: ServerBackend = {
    ...base,
    presence,
    tokens: tokenStore,
    users: userDirectory,
    routing,
    attach(listener) {
      events = listener
      base.attach(listener)
    },
  }
  const raise = (): BackendEvents => {
    if (!events) throw new Error('the core did not attach')
    return events
  }
  return {
    backend,
    hub,
    watched,
    unwatched,
    raise,
    setWatch: (answer: () => Promise<void>) => {
      nextWatch = answer
    },
    lose: () => {
      tokens = createMemoryTokenStore()
      users = createMemoryUserDirectory()
    },
    token: (token: string) => tokens.get(token),
    user: (uid: string) => users.get(uid) as WireUser | undefined,
  }
}

function setup(options: { storeTimeoutMs?: number } = {}) {
  const clock = new FakeClock()
  const routed = routedBackend(clock)
  const core = new RealtimeServerCore({ clock, backend: routed.backend, ...options })
  return { clock, core, routed }
}

describe('a core with cross-process routing', () => {
  it('does not deliver what it stores itself: the backend delivers every event, the sender’s own too', async () => {
    const { core, routed } = setup()
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    expect(routed.watched).toEqual(['bob', 'alice'])
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'bob', text: 'hi' })
    await until(() => alice.conn.ofType('message-ack').length === 1, 'the ack')
    expect(bob.conn.ofType('message')).toEqual([])
    const stored = await core.store.readStream('bob', 0, 10)
    const event = stored.events[0]
    expect(event?.message.text).toBe('hi')
    const frame = JSON.stringify({ type: 'message', message: event?.message, offset: 1 })
    routed.raise().deliver('bob', stored.epoch, 1, frame)
    expect(bob.conn.ofType('message')).toEqual([{ type: 'message', message: event?.message, offset: 1 }])
    expect(alice.conn.ofType('message')).toEqual([])
  })

  it('a token revoked on another process closes the sockets using it here with 4001', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice')
    const other = await connectUser(core, 'alice')
    routed.raise().revoked(alice.authToken)
    expect(alice.conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token revoked' })
    expect(other.conn.closed).toBeNull()
  })

  it('auth-ok waits until the backend watches the user: an event stored meanwhile is in the stream read', async () => {
    const { core, routed } = setup()
    const { authToken } = await core.createSession('bob')
    let answer = () => {}
    routed.setWatch(() => new Promise<void>((resolve) => (answer = resolve)))
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => routed.watched.length === 1, 'the watch')
    await settle()
    expect(bob.sent).toEqual([])
    answer()
    await until(() => bob.sent.length === 1, 'auth-ok')
    expect(bob.sent[0]?.type).toBe('auth-ok')
  })

  it.each([
    [
      'unavailable',
      new StoreUnavailableError('down'),
      CloseCodes.TRY_AGAIN_LATER,
      'store unavailable; retry after 2000 ms',
    ],
    ['failing', new Error('bug'), CloseCodes.INTERNAL_ERROR, 'inbox unavailable'],
  ])('a watch that fails (%s store) closes the socket before auth-ok', async (_what, error, code, reason) => {
    const { core, routed } = setup()
    const { authToken } = await core.createSession('bob')
    routed.setWatch(() => Promise.reject(error))
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => bob.closed !== null, 'the close')
    expect(bob.closed).toEqual({ code, reason })
    expect(bob.sent).toEqual([])
  })

  it('a watch that hangs: the socket is closed 4013 at storeTimeoutMs after its auth frame', async () => {
    const { core, clock, routed } = setup({ storeTimeoutMs: 800 })
    const { authToken } = await core.createSession('bob')
    routed.setWatch(() => new Promise<void>(() => {}))
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => routed.watched.length === 1, 'the watch')
    clock.advance(799)
    expect(bob.closed).toBeNull()
    clock.advance(1)
    expect(bob.closed).toEqual({
      code: CloseCodes.TRY_AGAIN_LATER,
      reason: 'store unavailable; retry after 2000 ms',
    })
  })

  it('the store back after an outage: authenticated sockets close 1012 to resume; one still authenticating stays', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice')
    const waiting = openFake(core)
    routed.raise().recovered(false)
    await settle()
    expect(alice.conn.closed).toEqual({
      code: CloseCodes.SERVICE_RESTART,
      reason: 'store reconnected; resume',
    })
    expect(waiting.closed).toBeNull()
  })

  it('the store back with its data: nothing is saved again, so a token revoked meanwhile stays revoked', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice')
    // Revoked by another process during the outage; the revocation event was missed here.
    await routed.backend.tokens.revoke(alice.authToken)
    routed.raise().recovered(false)
    await until(() => alice.conn.closed !== null, 'the close')
    await settle()
    expect(routed.token(alice.authToken)).toBeUndefined()
  })

  it('the store back without its data: tokens and users of the sockets here are saved again before they close', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice', { name: 'Alice' })
    const tokenBefore = routed.token(alice.authToken)
    routed.lose()
    expect(routed.token(alice.authToken)).toBeUndefined()
    routed.raise().recovered(true)
    await until(() => alice.conn.closed !== null, 'the close')
    expect(alice.conn.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'inbox stream reset' })
    expect(routed.token(alice.authToken)).toEqual(tokenBefore)
    expect(routed.user('alice')).toEqual({ uid: 'alice', name: 'Alice' })
    const again = await connectUser(core, 'alice', { authToken: alice.authToken })
    expect(again.conn.sent[0]).toMatchObject({ type: 'auth-ok', user: { uid: 'alice', name: 'Alice' } })
  })

  it('auth-ok waits for a presence hub that answers later (one process, no routing): when the client hears it is connected, the cluster knows it is online', async () => {
    const clock = new FakeClock()
    const routed = routedBackend(clock)
    const core = new RealtimeServerCore({ clock, backend: { ...routed.backend, routing: null } })
    const { authToken } = await core.createSession('bob')
    let answer = () => {}
    routed.hub.nextJoin = new Promise<void>((resolve) => (answer = resolve))
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => routed.hub.joins.length === 1, 'the join')
    await settle()
    expect(bob.sent).toEqual([])
    answer()
    await until(() => bob.sent.length === 1, 'auth-ok')
    expect(bob.sent[0]?.type).toBe('auth-ok')
  })

  it("the hub hears of a user's first socket and last close only; the user stays online while one socket is left", async () => {
    const { core, routed } = setup()
    const first = await connectUser(core, 'alice')
    const second = await connectUser(core, 'alice')
    expect(routed.hub.joins).toEqual(['alice'])
    second.conn.handlers.onClose()
    expect(routed.hub.leaves).toEqual([])
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['alice'])
    first.conn.handlers.onClose()
    expect(routed.hub.leaves).toEqual(['alice'])
  })

  it('a presence change from the cluster reaches the watchers here, but not the sockets of the user it is about', async () => {
    const { core, clock, routed } = setup()
    const alice = await connectUser(core, 'alice', { presence: true })
    const watcher = await connectUser(core, 'watcher', { presence: true })
    const before = alice.conn.ofType('presence').length
    routed.raise().presence({ user: { uid: 'alice', name: 'alice' }, status: 'offline', at: clock.now() })
    expect(alice.conn.ofType('presence').length).toBe(before)
    expect(watcher.conn.ofType('presence').at(-1)).toEqual({
      type: 'presence',
      user: { uid: 'alice', name: 'alice' },
      status: 'offline',
      at: clock.now(),
    })
  })

  it('the binding reporting the close of a socket the core closed ends its watch only once', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice')
    await core.revokeToken(alice.authToken)
    expect(alice.conn.closed?.code).toBe(CloseCodes.AUTH_FAILED)
    alice.conn.handlers.onClose()
    expect(routed.unwatched).toEqual(['alice'])
    expect(routed.hub.leaves).toEqual(['alice'])
  })

  it('a closed socket ends its watch and its user goes offline; at shutdown users stay online (they move to another process)', async () => {
    const { core, routed } = setup()
    const alice = await connectUser(core, 'alice')
    await connectUser(core, 'bob')
    alice.conn.handlers.onClose()
    expect(routed.unwatched).toEqual(['alice'])
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['bob'])
    core.shutdown()
    expect(routed.unwatched).toEqual(['alice', 'bob'])
    expect(core.onlineUsers().map((u) => u.uid)).toEqual(['bob'])
  })

  it('without routing, shutdown takes its users offline', async () => {
    const core = new RealtimeServerCore({ clock: new FakeClock() })
    await connectUser(core, 'bob')
    core.shutdown()
    expect(core.onlineUsers()).toEqual([])
  })
})

describe('HTTP while the store is unavailable', () => {
  const tokensFailingWith = (error: Error): TokenStore => ({
    save: () => Promise.reject(error),
    get: () => Promise.reject(error),
    revoke: () => Promise.reject(error),
  })
  const history = { method: 'GET', path: '/v1/messages', body: '', headers: { authorization: 'Bearer t' } }

  it('answers 503 with Retry-After in seconds, never 401', async () => {
    const core = new RealtimeServerCore({ tokenStore: tokensFailingWith(new StoreUnavailableError('down')) })
    const res = await core.handleHttp(history)
    expect(res).toMatchObject({
      status: 503,
      headers: { 'retry-after': '2' },
      body: {
        error: {
          code: ErrorCodes.SERVER_ERROR,
          message: 'The server cannot reach its store; try again shortly.',
        },
      },
    })
  })

  it('a store failing otherwise is not disguised as unavailable: the request rejects', async () => {
    const core = new RealtimeServerCore({ tokenStore: tokensFailingWith(new Error('bug')) })
    await expect(core.handleHttp(history)).rejects.toThrow('bug')
  })
})
