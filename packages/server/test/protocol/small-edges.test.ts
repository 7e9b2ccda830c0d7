import { ErrorCodes, HISTORY_PATH, MAX_HISTORY_LIMIT, type WireUser } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  ADMISSION_JITTER_MS,
  createMemoryBackend,
  createMemoryStore,
  decodeClientFrame,
  MAX_ID_LENGTH,
  RealtimeServerCore,
  type ServerStore,
  systemClock,
  TokenBucket,
  type UserDirectory,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle, until } from '../helpers/fake-connection.js'

// The smaller parts at their edges: history pages (hasMore at exactly the limit, truncated), the history
// query's messages, the user cache (a known user costs no store call), the store deadline's messages, the
// token bucket's wait, the admission backlog draining between two refusals, and the decoded frames' fields.

const message = (id: string, receiver = 'bob') => ({ id, sender: 'alice', receiver, text: id, sentAt: 0 })

/** A memory store (bounded to `maxEvents`) whose reads can run a step first, between findOffset and the read. */
function steppedStore(maxEvents: number) {
  const inner = createMemoryStore({ maxEvents })
  let beforeRead: (() => Promise<void>) | null = null
  const store: ServerStore = {
    ...inner,
    async readStream(uid, after, limit) {
      const step = beforeRead
      beforeRead = null
      await step?.()
      return inner.readStream(uid, after, limit)
    },
  }
  return { store, inner, before: (step: () => Promise<void>) => (beforeRead = step) }
}

describe('history pages', () => {
  it('hasMore is false when exactly `limit` messages follow, true when one more does', async () => {
    const { store, inner } = steppedStore(100)
    const core = new RealtimeServerCore({ store })
    for (const id of ['a', 'b', 'c']) await inner.appendMessage(message(id), undefined)
    expect(await core.history('bob', undefined, 3)).toMatchObject({ hasMore: false, truncated: false })
    expect(await core.history('bob', undefined, 2)).toMatchObject({ hasMore: true, truncated: false })
  })

  it('an `after` that was never in the inbox: from the oldest kept, truncated (nothing trimmed)', async () => {
    const { store, inner } = steppedStore(100)
    const core = new RealtimeServerCore({ store })
    for (const id of ['a', 'b']) await inner.appendMessage(message(id), undefined)
    const page = await core.history('bob', 'zzz', 10)
    expect(page).toEqual({ messages: [message('a'), message('b')], hasMore: false, truncated: true })
  })

  it('without `after`, a trimmed inbox is not truncated: the page is simply the oldest kept', async () => {
    const { store, inner } = steppedStore(2)
    const core = new RealtimeServerCore({ store })
    for (const id of ['a', 'b', 'c']) await inner.appendMessage(message(id), undefined)
    const page = await core.history('bob', undefined, 10)
    expect(page).toEqual({ messages: [message('b'), message('c')], hasMore: false, truncated: false })
  })

  it('`after` found, then trimmed before the read: truncated only when messages after it were lost', async () => {
    const { store, inner, before } = steppedStore(3)
    const core = new RealtimeServerCore({ store })
    for (const id of ['a', 'b', 'c']) await inner.appendMessage(message(id), undefined)
    // 'a' is found at 1, then 'd' trims it: the read starts at 'b', right after it. Nothing is missing.
    before(async () => void (await inner.appendMessage(message('d'), undefined)))
    expect(await core.history('bob', 'a', 10)).toEqual({
      messages: ['b', 'c', 'd'].map((id) => message(id)),
      hasMore: false,
      truncated: false,
    })
    // 'b' is found at 2, then 'e' and 'f' trim it and 'c': the read starts at 'd'. 'c' is missing.
    before(async () => {
      await inner.appendMessage(message('e'), undefined)
      await inner.appendMessage(message('f'), undefined)
    })
    expect(await core.history('bob', 'b', 10)).toEqual({
      messages: ['d', 'e', 'f'].map((id) => message(id)),
      hasMore: false,
      truncated: true,
    })
  })

  it('a hung store: core.history rejects at the deadline naming the step', async () => {
    const clock = new FakeClock()
    const inner = createMemoryStore()
    const hung = (part: 'findOffset' | 'readStream'): ServerStore => ({
      ...inner,
      [part]: () => new Promise(() => {}),
    })
    const finding = new RealtimeServerCore({ clock, store: hung('findOffset'), storeTimeoutMs: 300 })
      .history('bob', 'x', 10)
      .catch((e: Error) => e.message)
    const reading = new RealtimeServerCore({ clock, store: hung('readStream'), storeTimeoutMs: 300 })
      .history('bob', undefined, 10)
      .catch((e: Error) => e.message)
    await settle()
    clock.advance(300)
    expect(await finding).toBe('finding a message took longer than 300 ms')
    expect(await reading).toBe('reading an inbox took longer than 300 ms')
  })
})

describe('the history query', () => {
  async function get(query: string) {
    const core = new RealtimeServerCore()
    const { authToken } = await core.createSession('bob')
    return core.handleHttp({
      method: 'GET',
      path: `${HISTORY_PATH}${query}`,
      body: '',
      headers: { authorization: `Bearer ${authToken}` },
    })
  }
  const refusal = (message: string) => ({
    status: 400,
    body: { error: { code: ErrorCodes.INVALID_ARGUMENT, message } },
  })

  it(`an after of ${MAX_ID_LENGTH} characters is an id; one more is refused, saying the bounds`, async () => {
    expect((await get(`?after=${'a'.repeat(MAX_ID_LENGTH)}`)).status).toBe(200)
    expect(await get(`?after=${'a'.repeat(MAX_ID_LENGTH + 1)}`)).toMatchObject(
      refusal(`after must be a message id of 1-${MAX_ID_LENGTH} characters`),
    )
  })

  it.each(['authtoken', 'token', 'access_token', 'auth_token', 'Auth_Token'])(
    'a token in the URL (%s=…) is refused, saying where it goes instead',
    async (name) => {
      expect(await get(`?${name}=abc`)).toMatchObject(
        refusal(
          `Never put the auth token in the URL (${name}=…): send it in an "Authorization: Bearer <token>" header.`,
        ),
      )
    },
  )

  it('a bad limit is quoted back, cut to 20 characters', async () => {
    const res = await get(`?limit=${'x'.repeat(30)}`)
    expect(res).toMatchObject(
      refusal(
        `limit must be a positive whole number (a page holds at most ${MAX_HISTORY_LIMIT}); got "${'x'.repeat(20)}"`,
      ),
    )
  })
})

describe('the user cache', () => {
  function countingBackend(clock: FakeClock) {
    const backend = createMemoryBackend({ now: () => clock.now() })
    const calls = { ensure: 0, get: 0 }
    const users: UserDirectory = {
      ensure: (user) => {
        calls.ensure++
        return Promise.resolve(backend.users.ensure(user))
      },
      get: (uid) => {
        calls.get++
        return Promise.resolve(backend.users.get(uid))
      },
    }
    return { backend: { ...backend, users }, inner: backend.users, calls }
  }

  it('a user this process knows costs no store call: logins, auths and sends to them', async () => {
    const clock = new FakeClock()
    const { backend, inner, calls } = countingBackend(clock)
    const core = new RealtimeServerCore({ clock, backend })
    await core.createSession('alice')
    await core.createSession('alice')
    const alice = await connectUser(core, 'alice')
    expect(calls.ensure).toBe(1)
    inner.ensure({ uid: 'bob', name: 'bob' })
    for (const ref of ['r1', 'r2', 'r3'])
      alice.conn.sendFrame({ type: 'send-message', ref, receiver: 'bob', text: ref })
    await until(() => alice.conn.ofType('message-ack').length === 3, 'three acks')
    expect(calls.get).toBe(1)
  })

  it('a directory that hangs: createSession rejects at the deadline naming the step', async () => {
    const clock = new FakeClock()
    const backend = createMemoryBackend()
    const hung: UserDirectory = { ensure: () => new Promise<WireUser>(() => {}), get: () => undefined }
    const core = new RealtimeServerCore({ clock, backend: { ...backend, users: hung }, storeTimeoutMs: 400 })
    const creating = core.createSession('alice').catch((e: Error) => e.message)
    await settle()
    clock.advance(400)
    expect(await creating).toBe('saving a user took longer than 400 ms')
  })
})

describe('the token bucket and the admission backlog', () => {
  it('msUntilToken: 0 while a token is there, else the time the missing fraction takes', () => {
    const bucket = new TokenBucket(4, 2, 0)
    expect(bucket.msUntilToken(0)).toBe(0)
    expect(bucket.take(0)).toBe(true)
    expect(bucket.msUntilToken(0)).toBe(0)
    expect(bucket.take(0)).toBe(true)
    expect(bucket.msUntilToken(0)).toBe(250)
    expect(bucket.msUntilToken(100)).toBe(150)
  })

  it('the backlog drains at the handshake rate between two refusals', () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({ clock, maxHandshakesPerSecond: 10, handshakeBurst: 1 })
    openFake(core)
    expect(openFake(core).closed?.reason).toBe(`retry after ${100 + ADMISSION_JITTER_MS} ms`)
    clock.advance(50) // half a token back: still refused; half the backlog of 1 drained, one more joins
    expect(openFake(core).closed?.reason).toBe(`retry after ${150 + ADMISSION_JITTER_MS} ms`)
  })
})

describe('decoded frames carry only the fields the client sent', () => {
  it('no presence or resume key on an auth frame without them; no id key on a send without one', () => {
    expect(decodeClientFrame(JSON.stringify({ type: 'auth', v: 1, authToken: 't' }))).toStrictEqual({
      type: 'auth',
      v: 1,
      authToken: 't',
    })
    expect(
      decodeClientFrame(JSON.stringify({ type: 'send-message', ref: 'r', receiver: 'b', text: 'x' })),
    ).toStrictEqual({ type: 'send-message', ref: 'r', receiver: 'b', text: 'x' })
  })
})

describe('the system clock', () => {
  it('clearTimeout cancels a timer: one due earlier than another never fires once cleared', async () => {
    const fired: string[] = []
    const cancelled = systemClock.setTimeout(() => fired.push('cancelled'), 1)
    systemClock.clearTimeout(cancelled)
    // Node and browsers run due timers in order: had it not been cleared, it would fire before this one.
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 5))
    expect(fired).toEqual([])
  })
})
