import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../ports/storage.js'
import type { MessageFrame, Recovery, StreamPosition } from '../protocol.js'
import type { TextMessage } from '../types.js'
import { type FakeSocket, flush, harness, loginAs } from './harness.js'

// Delivery (issue "Nothing is lost"): the engine keeps the position of the last event it delivered,
// presents it on every (re)connect, delivers replayed events in order before live ones and drops
// duplicates, so the app sees every message once and in order.

const E1 = 'epoch-1'

function authOk(socket: FakeSocket, stream: StreamPosition, recovery?: Recovery, uid = 'alice'): void {
  socket.serverOpen()
  socket.serverSend({
    type: 'auth-ok',
    user: { uid, name: uid },
    serverTime: 0,
    idleTimeoutMs: 60_000,
    stream,
    ...(recovery && { recovery }),
  })
}

const message = (
  offset: number | undefined,
  extra: Partial<MessageFrame> = {},
  to = 'alice',
): MessageFrame => ({
  type: 'message',
  message: { id: `m${offset}`, sender: 'bob', receiver: to, text: `text ${offset}`, sentAt: 1 },
  ...(offset !== undefined && { offset }),
  ...extra,
})

function collect(h: ReturnType<typeof harness>) {
  const got: TextMessage[] = []
  h.engine.addMessageListener('collect', { onTextMessageReceived: (m) => got.push(m) })
  const signals: string[] = []
  h.engine.addConnectionListener('signals', {
    onResumed: (i) => signals.push(`resumed:${i.replayed}`),
    onContinuityLost: (i) => signals.push(`lost:${i.reason}:${i.lastDeliveredMessageId}`),
  })
  return { got, ids: () => got.map((m) => m.id), signals }
}

describe('delivery: positions, resume, dedupe', () => {
  it('a fresh client sends no resume; auth-ok sets its position; later sockets resume after the last delivered event', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 7 })
    expect(h.last().sent[0]).not.toHaveProperty('resume')
    h.last().serverSend(message(8))
    h.last().serverSend(message(9))
    expect(c.ids()).toEqual(['m8', 'm9'])
    expect(h.engine.getLastDeliveredMessageId()).toBe('m9')
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().serverOpen()
    expect(h.last().sent[0]).toMatchObject({ type: 'auth', resume: { epoch: E1, offset: 9 } })
  })

  it('a resume delivers the replay in order, marked, before live traffic; onResumed says how many; duplicates are dropped', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 1 })
    h.last().serverSend(message(2))
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    authOk(h.last(), { epoch: E1, offset: 5 }, { resumed: true, replayed: 3 })
    for (const offset of [3, 4, 5]) h.last().serverSend(message(offset, { replayed: true }))
    h.last().serverSend(message(4)) // a live copy overlapping the replay
    h.last().serverSend(message(6))
    expect(c.ids()).toEqual(['m2', 'm3', 'm4', 'm5', 'm6'])
    expect(c.got.map((m) => m.replayed === true)).toEqual([false, true, true, true, false])
    expect(c.signals).toEqual(['resumed:3'])
    expect(h.engine.getSnapshot().recovery).toEqual({ resumed: true, replayed: 3 })
  })

  it('continuity lost: onContinuityLost with the reason and the last delivered id; the position moves to the stream end', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    h.last().serverSend(message(1))
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    authOk(h.last(), { epoch: 'epoch-2', offset: 40 }, { resumed: false, reason: 'epoch' })
    expect(c.signals).toEqual(['lost:epoch:m1'])
    expect(h.engine.getSnapshot().recovery).toEqual({ resumed: false, reason: 'epoch' })
    h.last().serverSend(message(41))
    expect(c.ids()).toEqual(['m1', 'm41'])
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().serverOpen()
    expect(h.last().sent[0]).toMatchObject({ resume: { epoch: 'epoch-2', offset: 41 } })
  })

  it('a gap in the stream is never delivered out of order: the engine reconnects at once and resumes', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    h.last().serverSend(message(1))
    const first = h.last()
    first.serverSend(message(3)) // 2 is missing
    expect(c.ids()).toEqual(['m1'])
    expect(first.closedByClient).not.toBeNull()
    expect(h.sockets()).toHaveLength(2) // at once, no backoff
    h.last().serverOpen()
    expect(h.last().sent[0]).toMatchObject({ resume: { epoch: E1, offset: 1 } })
  })

  it('a message addressed to another user is refused with ERR_MALFORMED_FRAME and never delivered', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    h.last().serverSend(message(1, {}, 'mallory'))
    expect(c.got).toEqual([])
    expect(h.events.at(-1)).toBe('error:ERR_MALFORMED_FRAME')
    expect(h.engine.getConnectionStatus()).toBe('connected')
    h.last().serverSend(message(1))
    expect(c.ids()).toEqual(['m1'])
  })

  it('a server without delivery (no stream, no offsets): messages still arrive; an exact repeat is dropped', async () => {
    const h = harness()
    const c = collect(h)
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverSend(message(undefined, {}))
    h.last().serverSend(message(undefined, {}))
    h.last().serverSend({ ...message(undefined), message: { ...message(undefined).message, id: 'other' } })
    expect(c.ids()).toEqual(['mundefined', 'other'])
  })

  it('the position survives a reload for the same user (storage), and a different user never inherits it', async () => {
    const storage = createMemoryStorage()
    const h1 = harness({ storage })
    await loginAs(h1.engine)
    authOk(h1.last(), { epoch: E1, offset: 3 })
    h1.last().serverSend(message(4))
    await flush() // saved a microtask later
    h1.engine.destroy()

    const h2 = harness({ storage }) // a page reload: same storage, session restored
    await h2.engine.init()
    h2.last().serverOpen()
    expect(h2.last().sent[0]).toMatchObject({ resume: { epoch: E1, offset: 4 } })
    expect(h2.engine.getLastDeliveredMessageId()).toBe('m4')

    await loginAs(h2.engine, 'bob') // another user on this device
    h2.last().serverOpen()
    expect(h2.last().sent[0]).not.toHaveProperty('resume')
    expect(h2.engine.getLastDeliveredMessageId()).toBeNull()
  })

  it("with no storage passed in Node (no localStorage), the engine's own memory: a user who logs in again resumes", async () => {
    const h = harness({ storage: 'default' })
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 3 })
    h.last().serverSend(message(4))
    await flush() // saved a microtask later
    await h.engine.logout()
    await loginAs(h.engine)
    h.last().serverOpen()
    expect(h.last().sent[0]).toMatchObject({ resume: { epoch: E1, offset: 4 } })
  })

  it('a message that arrives after a deadline passed unseen (frozen timers) is judged after the deadline fires', async () => {
    const h = harness({ configure: (b) => b.setHeartbeatInterval(1_000).setPongTimeout(1_000) })
    const c = collect(h)
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    h.clock.advance(1_000) // heartbeat ping sent
    expect(h.last().sent.at(-1)).toMatchObject({ type: 'ping' })
    const dead = h.last()
    h.clock.jump(5_000) // the pong deadline passes while the timer could not fire
    dead.serverSend(message(1))
    expect(dead.closedByClient).not.toBeNull() // the deadline fired first: the socket was dropped
    expect(c.got).toEqual([]) // and the late frame of the dropped socket was ignored
  })

  it('a listener may call back into the engine while a message is delivered (no re-entrancy trouble)', async () => {
    const h = harness()
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    const replies: Promise<unknown>[] = []
    h.engine.addMessageListener('echo', {
      onTextMessageReceived: (m) => void replies.push(h.engine.sendMessage(m.sender, `re: ${m.text}`)),
    })
    h.last().serverSend(message(1))
    expect(h.last().sent.at(-1)).toMatchObject({ type: 'send-message', receiver: 'bob', text: 're: text 1' })
    expect(replies).toHaveLength(1)
  })
})

describe('presence as state', () => {
  it('snapshot.onlineUsers follows presence frames and starts over with each connection', async () => {
    const h = harness({ configure: (b) => b.subscribePresenceForAllUsers() })
    await loginAs(h.engine)
    authOk(h.last(), { epoch: E1, offset: 0 })
    const presence = (uid: string, status: 'online' | 'offline') =>
      h.last().serverSend({ type: 'presence', user: { uid, name: uid }, status, at: 5 })
    presence('bob', 'online')
    presence('carol', 'online')
    presence('bob', 'offline')
    expect(h.engine.getSnapshot().onlineUsers.map((u) => u.uid)).toEqual(['carol'])
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    authOk(h.last(), { epoch: E1, offset: 0 })
    expect(h.engine.getSnapshot().onlineUsers).toEqual([])
  })
})
