import type { AuthOkFrame } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  createMemoryStore,
  type MemoryStore,
  RealtimeServerCore,
  type ServerStore,
} from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, FakeConnection, type openFake, settle, until } from '../helpers/fake-connection.js'

// A replay that spans several store reads, while the world moves: the socket's back-pressure, a socket
// that closes mid-replay, live events stored during it, a stream whose head is trimmed or whose history
// is replaced between two reads.

/** A store answering at most `perRead` events per read; `beforeRead[n]` runs before read n (1-based). */
function pagedStore(clock: FakeClock, perRead: number, maxEvents = 1000) {
  const inner = createMemoryStore({ now: () => clock.now(), maxEvents })
  let reads = 0
  const beforeRead = new Map<number, () => Promise<void>>()
  const store: ServerStore = {
    ...inner,
    async readStream(uid, after, limit) {
      reads++
      await beforeRead.get(reads)?.()
      return inner.readStream(uid, after, Math.min(limit, perRead))
    },
  }
  return { store, inner: inner as MemoryStore, reads: () => reads, beforeRead }
}

/** A socket with back-pressure: each paced frame waits until the test lets the next one go. */
class PacedConnection extends FakeConnection {
  readonly waiting: Array<() => void> = []
  plainSends = 0

  override send(text: string): void {
    this.plainSends++
    super.send(text)
  }

  sendPaced(text: string): Promise<void> {
    super.send(text)
    return new Promise((resolve) => this.waiting.push(resolve))
  }
}

/** alice sent bob five messages while bob was away; returns what bob needs to resume from offset 0. */
async function fiveMissed(perRead: number, maxEvents?: number) {
  const clock = new FakeClock()
  const paged = pagedStore(clock, perRead, maxEvents)
  const core = new RealtimeServerCore({ clock, store: paged.store })
  const alice = await connectUser(core, 'alice')
  const bobToken = (await core.createSession('bob')).authToken
  const count = maxEvents ?? 5
  for (let i = 1; i <= count; i++)
    alice.conn.sendFrame({ type: 'send-message', ref: `r${i}`, receiver: 'bob', text: `m${i}` })
  await until(() => alice.conn.ofType('message-ack').length === count, 'the acks')
  const epoch = (alice.conn.sent[0] as AuthOkFrame).stream?.epoch
  const resumeFrame = { type: 'auth', v: 1, authToken: bobToken, resume: { epoch, offset: 0 } }
  return { core, paged, alice, epoch, resumeFrame, readsBefore: paged.reads() }
}

/**
 * A socket whose binding gives up on it while sending auth-ok (its send buffer overflowed): it closes and
 * reports the close at once. Records every send attempted after that, instead of throwing.
 */
class OverflowingConnection extends FakeConnection {
  readonly afterClose: string[] = []

  override send(text: string): void {
    if (this.closed) {
      this.afterClose.push(text)
      return
    }
    super.send(text)
    this.closed = { code: 1013, reason: 'send buffer full' }
    this.handlers.onClose()
  }

  sendPaced(text: string): Promise<void> | undefined {
    this.send(text)
    return undefined
  }
}

const open = (core: RealtimeServerCore, conn: FakeConnection): FakeConnection => {
  conn.handlers = core.openConnection(core.appId, conn)
  return conn
}
const offsets = (conn: ReturnType<typeof openFake>) => conn.ofType('message').map((f) => f.offset)

describe('replays over several reads', () => {
  it('replayed frames go out one at a time with the socket’s back-pressure', async () => {
    const { core, resumeFrame } = await fiveMissed(2)
    const bob = open(core, new PacedConnection()) as PacedConnection
    bob.sendFrame(resumeFrame)
    await until(() => bob.waiting.length === 1, 'the first replayed frame')
    await settle()
    expect(offsets(bob)).toEqual([1])
    for (let n = 2; n <= 5; n++) {
      bob.waiting.shift()?.()
      await until(() => bob.waiting.length === 1, `replayed frame ${n}`)
      expect(offsets(bob)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    }
    // auth-ok only went out with send(): the replay used sendPaced.
    expect(bob.plainSends).toBe(1)
  })

  it('a socket its binding closed while sending auth-ok gets no replayed frame', async () => {
    const { core, resumeFrame } = await fiveMissed(2)
    const bob = open(core, new OverflowingConnection()) as OverflowingConnection
    bob.sendFrame(resumeFrame)
    await until(() => bob.sent.length === 1, 'auth-ok')
    await settle()
    expect(bob.sent.map((f) => f.type)).toEqual(['auth-ok'])
    expect(bob.afterClose).toEqual([])
    expect(core.connectionCount()).toBe(1)
  })

  it('a socket closed during its replay costs no further store reads', async () => {
    const { core, paged, resumeFrame, readsBefore } = await fiveMissed(2)
    const bob = open(core, new PacedConnection()) as PacedConnection
    bob.sendFrame(resumeFrame)
    await until(() => bob.waiting.length === 1, 'the first replayed frame')
    bob.handlers.onClose()
    bob.waiting.shift()?.()
    await settle()
    expect(paged.reads() - readsBefore).toBe(1)
    expect(offsets(bob)).toEqual([1])
  })

  it('events stored during the replay arrive once, live, after the replayed ones', async () => {
    const { core, paged, alice, resumeFrame } = await fiveMissed(2)
    paged.beforeRead.set(paged.reads() + 2, async () => {
      for (const text of ['m6', 'm7'])
        alice.conn.sendFrame({ type: 'send-message', ref: text, receiver: 'bob', text })
      await until(() => alice.conn.ofType('message-ack').length === 7, 'two more acks')
    })
    const bob = open(core, new FakeConnection())
    bob.sendFrame(resumeFrame)
    await until(() => bob.ofType('message').length >= 7, 'seven messages')
    await settle()
    expect(bob.ofType('message').map((f) => [f.offset, f.replayed ?? false])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, false],
      [7, false],
    ])
  })

  it('a stream trimmed between two reads down to exactly the next event to replay: the replay goes on', async () => {
    const { core, paged, resumeFrame } = await fiveMissed(2, 4)
    paged.beforeRead.set(paged.reads() + 2, async () => {
      // Two events stored elsewhere: the stream keeps 3..6, and the replay stands at 2.
      for (const text of ['x', 'y'])
        await paged.inner.appendMessage(
          { id: text, sender: 'alice', receiver: 'bob', text, sentAt: 0 },
          undefined,
        )
    })
    const bob = open(core, new FakeConnection())
    bob.sendFrame(resumeFrame)
    await until(() => bob.ofType('message').length >= 4 || bob.closed !== null, 'the replay')
    await settle()
    expect(bob.closed).toBeNull()
    expect(bob.ofType('message').map((f) => [f.offset, f.message.text])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'm3'],
      [4, 'm4'],
    ])
  })

  it('a stream whose history was replaced between two reads: closed 1013 (resume again), nothing of the new history replayed', async () => {
    const { core, paged, resumeFrame } = await fiveMissed(2)
    paged.beforeRead.set(paged.reads() + 2, async () => {
      paged.inner.clearStream('bob')
      for (const text of ['n1', 'n2', 'n3', 'n4', 'n5'])
        await paged.inner.appendMessage(
          { id: text, sender: 'alice', receiver: 'bob', text, sentAt: 0 },
          undefined,
        )
    })
    const bob = open(core, new FakeConnection())
    bob.sendFrame(resumeFrame)
    await until(() => bob.closed !== null, 'the close')
    expect(bob.closed).toEqual({ code: 1013, reason: 'replay overtaken; resume again' })
    expect(bob.ofType('message').map((f) => f.message.text)).toEqual(['m1', 'm2'])
  })
})
