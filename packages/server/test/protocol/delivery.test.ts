import { type AuthOkFrame, CloseCodes, ErrorCodes, type StreamPosition } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  createMemoryStore,
  RealtimeServerCore,
  type RealtimeServerCoreOptions,
  type ServerStore,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, type FakeConnection, openFake, until } from '../helpers/fake-connection.js'

function setup(options: RealtimeServerCoreOptions = {}) {
  const clock = new FakeClock()
  const core = new RealtimeServerCore({ clock, ...options })
  return { clock, core }
}

const authOk = (conn: FakeConnection) => conn.sent[0] as AuthOkFrame
const messages = (conn: FakeConnection) => conn.ofType('message')

/** Sends `texts` from `from` to `to` (with send ids from `id`, if given) and waits for their acks. */
async function send(from: FakeConnection, to: string, texts: string[], id?: (i: number) => string) {
  const acks = from.ofType('message-ack').length
  for (const [i, text] of texts.entries()) {
    from.sendFrame({
      type: 'send-message',
      ref: `${text}-ref`,
      receiver: to,
      text,
      ...(id ? { id: id(i) } : {}),
    })
  }
  await until(() => from.ofType('message-ack').length === acks + texts.length, 'acks')
}

/** alice and bob, bob connected once (so he knows his position) and then gone; alice connected. */
async function bobAway(options: RealtimeServerCoreOptions = {}) {
  const { core, clock } = setup({ rateLimit: { framesPerSecond: 1000, burst: 1000 }, ...options })
  const bob = await connectUser(core, 'bob')
  const alice = await connectUser(core, 'alice')
  await send(alice.conn, 'bob', ['m1', 'm2'])
  const position: StreamPosition = { epoch: authOk(bob.conn).stream?.epoch ?? '', offset: 2 }
  expect(messages(bob.conn).map((f) => f.offset)).toEqual([1, 2])
  bob.conn.handlers.onClose()
  return { core, clock, alice, bobToken: bob.authToken, position }
}

describe('inbox stream: auth-ok and live messages', () => {
  it('auth-ok always carries the stream position; live messages carry their offset; no recovery without resume', async () => {
    const { core } = setup()
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    expect(authOk(bob.conn).stream).toEqual({ epoch: expect.any(String), offset: 0 })
    expect(authOk(bob.conn)).not.toHaveProperty('recovery')
    await send(alice.conn, 'bob', ['a', 'b', 'c'])
    expect(messages(bob.conn).map((f) => [f.message.text, f.offset, f.replayed])).toEqual([
      ['a', 1, undefined],
      ['b', 2, undefined],
      ['c', 3, undefined],
    ])
    const again = await connectUser(core, 'bob', { authToken: bob.authToken })
    expect(authOk(again.conn).stream).toEqual({ epoch: authOk(bob.conn).stream?.epoch, offset: 3 })
    expect(messages(again.conn)).toEqual([])
  })

  it('a message to oneself reaches every socket of the sender, the sending one too (after its ack)', async () => {
    const { core } = setup()
    const a1 = await connectUser(core, 'alice')
    const a2 = await connectUser(core, 'alice', { authToken: a1.authToken })
    await send(a1.conn, 'alice', ['note'])
    expect(a1.conn.sent.slice(1).map((f) => f.type)).toEqual(['message-ack', 'message'])
    expect(messages(a1.conn).map((f) => f.offset)).toEqual([1])
    expect(messages(a2.conn).map((f) => f.offset)).toEqual([1])
  })

  it('an offline receiver gets what was sent meanwhile on its next auth with resume', async () => {
    const { core, alice, bobToken, position } = await bobAway()
    await send(alice.conn, 'bob', ['while away 1', 'while away 2'])
    const bob = await connectUser(core, 'bob', { authToken: bobToken, resume: { ...position, offset: 0 } })
    expect(authOk(bob.conn).recovery).toEqual({ resumed: true, replayed: 4 })
    expect(messages(bob.conn).map((f) => f.message.text)).toEqual([
      'm1',
      'm2',
      'while away 1',
      'while away 2',
    ])
  })
})

describe('resume', () => {
  it('replays exactly the missed events, in order, marked replayed, right after auth-ok; live ones follow', async () => {
    const { core, alice, bobToken, position } = await bobAway()
    await send(alice.conn, 'bob', ['m3', 'm4', 'm5'])
    const bob = await connectUser(core, 'bob', { authToken: bobToken, resume: position })
    expect(authOk(bob.conn)).toMatchObject({
      stream: { epoch: position.epoch, offset: 5 },
      recovery: { resumed: true, replayed: 3 },
    })
    expect(bob.conn.sent.slice(1).map((f) => f.type)).toEqual(['message', 'message', 'message'])
    expect(messages(bob.conn).map((f) => [f.message.text, f.offset, f.replayed])).toEqual([
      ['m3', 3, true],
      ['m4', 4, true],
      ['m5', 5, true],
    ])
    await send(alice.conn, 'bob', ['m6'])
    expect(messages(bob.conn).at(-1)).toMatchObject({ offset: 6, message: { text: 'm6' } })
    expect(messages(bob.conn).at(-1)).not.toHaveProperty('replayed')
  })

  it('a position at the end resumes with nothing to replay', async () => {
    const { core, bobToken, position } = await bobAway()
    const bob = await connectUser(core, 'bob', { authToken: bobToken, resume: position })
    expect(authOk(bob.conn).recovery).toEqual({ resumed: true, replayed: 0 })
    expect(messages(bob.conn)).toEqual([])
  })

  it.each<[string, 'epoch' | 'position', (p: StreamPosition) => unknown]>([
    ['another epoch (a forged or old one)', 'epoch', (p) => ({ ...p, epoch: 'forged' })],
    ['an offset beyond the stream end', 'position', (p) => ({ ...p, offset: p.offset + 2 })],
    ['a negative offset', 'position', (p) => ({ ...p, offset: -1 })],
    ['a fractional offset', 'position', (p) => ({ ...p, offset: 1.5 })],
    ['an offset as a string', 'position', (p) => ({ ...p, offset: '1' })],
    ['no epoch', 'position', (p) => ({ offset: p.offset })],
    ['null', 'position', () => null],
    ['a string', 'position', () => 'abc'],
    ['an array', 'position', (p) => [p.epoch, p.offset]],
    ['an epoch of 300 characters', 'position', (p) => ({ ...p, epoch: 'e'.repeat(300) })],
  ])('%s: a reset (%s), nothing replayed, the socket stays and works', async (_what, reason, resume) => {
    const { core, alice, bobToken, position } = await bobAway()
    await send(alice.conn, 'bob', ['m3'])
    const bob = await connectUser(core, 'bob', { authToken: bobToken, resume: resume(position) })
    expect(authOk(bob.conn)).toMatchObject({
      stream: { epoch: position.epoch, offset: 3 },
      recovery: { resumed: false, reason },
    })
    expect(bob.conn.sent).toHaveLength(1)
    expect(bob.conn.closed).toBeNull()
    // Not a malformed frame: nothing was counted or answered with an error; live traffic flows.
    bob.conn.sendFrame({ type: 'ping', id: 'p' })
    await send(alice.conn, 'bob', ['m4'])
    expect(bob.conn.sent.slice(1)).toEqual([
      { type: 'pong', id: 'p' },
      expect.objectContaining({ type: 'message', offset: 4 }),
    ])
  })

  it('events after the position trimmed by count: a window reset, not a partial replay', async () => {
    const { core, alice, bobToken, position } = await bobAway({ inboxMaxEvents: 3 })
    await send(alice.conn, 'bob', ['m3', 'm4', 'm5'])
    // Kept: 3, 4, 5. From 2 the client needs 3..5: all kept, a full replay.
    const full = await connectUser(core, 'bob', { authToken: bobToken, resume: position })
    expect(authOk(full.conn).recovery).toEqual({ resumed: true, replayed: 3 })
    // From 1 it would need 2, which is gone.
    const gap = await connectUser(core, 'bob', { authToken: bobToken, resume: { ...position, offset: 1 } })
    expect(authOk(gap.conn).recovery).toEqual({ resumed: false, reason: 'window' })
    expect(messages(gap.conn)).toEqual([])
  })

  it('events after the position trimmed by age (fake clock): a window reset; within the age, a replay', async () => {
    const { core, clock, alice, bobToken, position } = await bobAway({ inboxMaxAgeMs: 10_000 })
    clock.advance(4_000)
    await send(alice.conn, 'bob', ['m3'])
    clock.advance(5_999)
    // m1, m2 are 9,999 ms old, m3 5,999 ms: all kept.
    const kept = await connectUser(core, 'bob', { authToken: bobToken, resume: { ...position, offset: 0 } })
    expect(authOk(kept.conn).recovery).toEqual({ resumed: true, replayed: 3 })
    clock.advance(1)
    // m1, m2 are 10 s old now: trimmed. From 2 only m3 is needed (kept); from 0 the window is exceeded.
    const later = await connectUser(core, 'bob', { authToken: bobToken, resume: position })
    expect(authOk(later.conn).recovery).toEqual({ resumed: true, replayed: 1 })
    const tooOld = await connectUser(core, 'bob', { authToken: bobToken, resume: { ...position, offset: 0 } })
    expect(authOk(tooOld.conn).recovery).toEqual({ resumed: false, reason: 'window' })
  })

  it('a new server core is a new history: its epoch differs, an old position gets an epoch reset', async () => {
    const tokenStore = (await import('../../src/browser.js')).createMemoryTokenStore()
    const first = setup({ tokenStore })
    const bob1 = await connectUser(first.core, 'bob')
    const epoch1 = authOk(bob1.conn).stream?.epoch
    const second = new RealtimeServerCore({ clock: first.clock, tokenStore })
    const bob2 = await connectUser(second, 'bob', {
      authToken: bob1.authToken,
      resume: { epoch: epoch1, offset: 0 },
    })
    expect(authOk(bob2.conn).stream?.epoch).not.toBe(epoch1)
    expect(authOk(bob2.conn).recovery).toEqual({ resumed: false, reason: 'epoch' })
  })

  it('a stream lost while a socket is live (cleared store): the socket is closed 1012, and the resume that follows resets (epoch)', async () => {
    const clock = new FakeClock()
    const store = createMemoryStore({ now: () => clock.now() })
    const core = new RealtimeServerCore({ clock, store })
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    await send(alice.conn, 'bob', ['before'])
    store.clearStream('bob')
    await send(alice.conn, 'bob', ['after'])
    expect(messages(bob.conn).map((f) => f.message.text)).toEqual(['before'])
    expect(bob.conn.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'inbox stream reset' })
    const back = await connectUser(core, 'bob', {
      authToken: bob.authToken,
      resume: { epoch: authOk(bob.conn).stream?.epoch, offset: 1 },
    })
    expect(authOk(back.conn).recovery).toEqual({ resumed: false, reason: 'epoch' })
  })
})

/**
 * A store whose reads of `uid`'s stream wait for `release()`. With `early` the read takes its snapshot at
 * once and answers later; without, it waits first and reads after.
 */
function slowReads(inner: ServerStore, uid: string, early: boolean) {
  let release: () => void = () => {}
  let reads = 0
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const delayed = async <T>(read: () => Promise<T>): Promise<T> => {
    reads++
    if (!early) await gate
    const value = await read()
    await gate
    return value
  }
  const store: ServerStore = {
    appendMessage: (m, id) => inner.appendMessage(m, id),
    findOffset: (who, id) => inner.findOffset(who, id),
    readStream: (who, after, limit) =>
      who === uid ? delayed(() => inner.readStream(who, after, limit)) : inner.readStream(who, after, limit),
    position: (who) => (who === uid ? delayed(() => inner.position(who)) : inner.position(who)),
  }
  return { store, release: () => release(), reads: () => reads }
}

describe('live messages during a slow resume', () => {
  it.each([
    ['taken before the live messages', true],
    ['taken after the live messages', false],
  ])('with the snapshot %s: each arrives once, after the replay, in order', async (_what, early) => {
    const clock = new FakeClock()
    const slow = slowReads(createMemoryStore({ now: () => clock.now() }), 'bob', early)
    const core = new RealtimeServerCore({ clock, store: slow.store })
    const alice = await connectUser(core, 'alice')
    const bobToken = (await core.createSession('bob')).authToken
    await send(alice.conn, 'bob', ['r1', 'r2'])
    const bob = openFake(core)
    const epoch = authOk(alice.conn).stream?.epoch
    bob.sendFrame({ type: 'auth', v: 1, authToken: bobToken, resume: { epoch, offset: 0 } })
    await until(() => slow.reads() > 0, 'the resume read to start')
    await send(alice.conn, 'bob', ['live1', 'live2'])
    expect(bob.sent).toEqual([])
    slow.release()
    await until(() => messages(bob).length === 4, 'four messages')
    await send(alice.conn, 'bob', ['live3'])
    const frames = messages(bob)
    expect(frames.map((f) => [f.message.text, f.offset])).toEqual([
      ['r1', 1],
      ['r2', 2],
      ['live1', 3],
      ['live2', 4],
      ['live3', 5],
    ])
    // What the read held came as the replay; everything else live, after it.
    const replayed = early ? 2 : 4
    expect(authOk(bob).recovery).toEqual({ resumed: true, replayed })
    expect(frames.map((f) => f.replayed === true)).toEqual([0, 1, 2, 3, 4].map((i) => i < replayed))
  })

  it('a socket closed while its stream is read gets nothing and is forgotten', async () => {
    const clock = new FakeClock()
    const slow = slowReads(createMemoryStore({ now: () => clock.now() }), 'bob', true)
    const core = new RealtimeServerCore({ clock, store: slow.store })
    const bobToken = (await core.createSession('bob')).authToken
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken: bobToken })
    await until(() => slow.reads() > 0, 'the read to start')
    bob.handlers.onClose()
    slow.release()
    await until(() => core.connectionCount() === 0, 'the socket to be forgotten')
    expect(bob.sent).toEqual([])
    expect(core.onlineUsers()).toEqual([])
  })

  it('a store that fails the read closes the socket 1011, not 4001', async () => {
    const clock = new FakeClock()
    const inner = createMemoryStore({ now: () => clock.now() })
    const broken: ServerStore = { ...inner, position: () => Promise.reject(new Error('down')) }
    const core = new RealtimeServerCore({ clock, store: broken })
    const { authToken } = await core.createSession('bob')
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken })
    await until(() => bob.closed !== null, 'the close')
    expect(bob.closed).toEqual({ code: CloseCodes.INTERNAL_ERROR, reason: 'inbox unavailable' })
  })
})

describe('replays beyond one read, and what cannot be replayed', () => {
  /** A store that answers at most `perRead` events per read, and can lose the head of the stream. */
  function pagedStore(clock: FakeClock, perRead: number) {
    const inner = createMemoryStore({ now: () => clock.now() })
    let reads = 0
    let dropHeadAfterFirstRead = false
    const store: ServerStore = {
      ...inner,
      async readStream(uid, after, limit) {
        reads++
        const slice = await inner.readStream(uid, after, Math.min(limit, perRead))
        // A store that lost events between two pages: the next page starts later than asked.
        if (dropHeadAfterFirstRead && reads > 1)
          return { ...slice, first: after + 2, events: slice.events.slice(1) }
        return slice
      },
    }
    return { store, reads: () => reads, loseHead: () => (dropHeadAfterFirstRead = true) }
  }

  it('reads further pages until every missed event is replayed, in order', async () => {
    const clock = new FakeClock()
    const paged = pagedStore(clock, 2)
    const core = new RealtimeServerCore({ clock, store: paged.store })
    const alice = await connectUser(core, 'alice')
    const bobToken = (await core.createSession('bob')).authToken
    await send(alice.conn, 'bob', ['1', '2', '3', '4', '5'])
    const epoch = authOk(alice.conn).stream?.epoch
    const bob = await connectUser(core, 'bob', { authToken: bobToken, resume: { epoch, offset: 0 } })
    await until(() => messages(bob.conn).length === 5, 'five replayed')
    expect(authOk(bob.conn).recovery).toEqual({ resumed: true, replayed: 5 })
    expect(messages(bob.conn).map((f) => [f.offset, f.replayed])).toEqual(
      [1, 2, 3, 4, 5].map((offset) => [offset, true]),
    )
    expect(paged.reads()).toBeGreaterThanOrEqual(3)
  })

  it('a store that lost events between pages: the socket is closed 1013 (resume again) rather than skip them', async () => {
    const clock = new FakeClock()
    const paged = pagedStore(clock, 2)
    const core = new RealtimeServerCore({ clock, store: paged.store })
    const alice = await connectUser(core, 'alice')
    const bobToken = (await core.createSession('bob')).authToken
    await send(alice.conn, 'bob', ['1', '2', '3', '4'])
    const epoch = authOk(alice.conn).stream?.epoch
    paged.loseHead()
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken: bobToken, resume: { epoch, offset: 0 } })
    await until(() => bob.closed !== null, 'the close')
    expect(bob.closed).toEqual({ code: 1013, reason: 'replay overtaken; resume again' })
    expect(messages(bob).map((f) => f.offset)).toEqual([1, 2])
  })

  it('more live events during a resume than an inbox holds: the socket is closed 1013, nothing half-delivered after it', async () => {
    const clock = new FakeClock()
    const slow = slowReads(createMemoryStore({ now: () => clock.now() }), 'bob', true)
    const core = new RealtimeServerCore({ clock, store: slow.store, inboxMaxEvents: 2 })
    const alice = await connectUser(core, 'alice')
    const bobToken = (await core.createSession('bob')).authToken
    const bob = openFake(core)
    bob.sendFrame({ type: 'auth', v: 1, authToken: bobToken })
    await until(() => slow.reads() > 0, 'the read to start')
    await send(alice.conn, 'bob', ['a', 'b', 'c'])
    expect(bob.closed).toEqual({ code: 1013, reason: 'send buffer full' })
    slow.release()
    await until(() => core.connectionCount() === 1, 'bob forgotten')
    expect(bob.sent).toEqual([])
  })
})

describe('idempotent sends', () => {
  it('a retried id is stored once and acked with the original message, on the same or a new socket', async () => {
    const { core } = setup()
    const bob = await connectUser(core, 'bob')
    const alice = await connectUser(core, 'alice')
    await send(alice.conn, 'bob', ['hello'], () => 'client-id-1')
    await send(alice.conn, 'bob', ['hello'], () => 'client-id-1')
    const again = await connectUser(core, 'alice', { authToken: alice.authToken })
    await send(again.conn, 'bob', ['hello'], () => 'client-id-1')
    const [first, second] = alice.conn.ofType('message-ack')
    const third = again.conn.ofType('message-ack')[0]
    expect(second?.message).toEqual(first?.message)
    expect(third?.message).toEqual(first?.message)
    expect(core.messages()).toHaveLength(1)
    expect(messages(bob.conn).map((f) => [f.message.id, f.offset])).toEqual([[first?.message.id, 1]])
  })

  it('different ids, or no id (an old client), are different messages', async () => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    await send(alice.conn, 'alice', ['a', 'b'], (i) => `id-${i}`)
    await send(alice.conn, 'alice', ['c', 'c'])
    expect(core.messages().map((m) => m.text)).toEqual(['a', 'b', 'c', 'c'])
  })

  it('a store that fails the append answers an error frame with the ref (ERR_SERVER_ERROR); the socket stays', async () => {
    const clock = new FakeClock()
    const inner = createMemoryStore({ now: () => clock.now() })
    const core = new RealtimeServerCore({
      clock,
      store: { ...inner, appendMessage: () => Promise.reject(new Error('disk full')) },
    })
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r1', receiver: 'alice', text: 'x' })
    await until(() => alice.conn.ofType('error').length === 1, 'the error frame')
    expect(alice.conn.ofType('error')[0]).toEqual({
      type: 'error',
      code: ErrorCodes.SERVER_ERROR,
      message: expect.stringContaining('send it again'),
      ref: 'r1',
    })
    expect(alice.conn.closed).toBeNull()
  })

  it.each([
    ['an empty id', ''],
    ['a 257-character id', 'i'.repeat(257)],
    ['a numeric id', 7],
  ])('%s is a malformed frame: error, nothing stored', async (_what, id) => {
    const { core } = setup()
    const alice = await connectUser(core, 'alice')
    alice.conn.sendFrame({ type: 'send-message', ref: 'r', receiver: 'alice', text: 'x', id })
    await until(() => alice.conn.ofType('error').length === 1, 'the error frame')
    expect(alice.conn.ofType('error')[0]).toMatchObject({
      code: ErrorCodes.MALFORMED_FRAME,
      message: expect.stringContaining('send-message.id'),
    })
    expect(core.messages()).toEqual([])
  })
})

describe('shutdown for a restart', () => {
  it('shutdown({ restart: true }) closes every socket with 1012 and refuses new ones with 1012', async () => {
    const { core } = setup()
    const bob = await connectUser(core, 'bob')
    core.shutdown({ restart: true })
    expect(bob.conn.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'server restarting' })
    expect(openFake(core).closed?.code).toBe(CloseCodes.SERVICE_RESTART)
  })
})
