import type { WireTextMessage } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import type { ServerStore } from '../../src/browser.js'

/** The bounds a conformance run creates its store with; `now` is the test's clock. */
export interface StoreBounds {
  now: () => number
  maxEvents: number
  maxAgeMs: number
  dedupeWindowMs: number
  dedupeMaxPerSender: number
}

/** Creates a fresh, empty store for one test (a Redis store: a fresh key prefix). */
export type StoreFactory = (bounds: StoreBounds) => ServerStore | Promise<ServerStore>

let nextId = 1
function message(sender: string, receiver: string, text = `t${nextId}`): WireTextMessage {
  return { id: `m${nextId++}`, sender, receiver, text, sentAt: 0 }
}

/**
 * What every {@link ServerStore} must do, as tests any implementation runs with its own factory:
 * `describeStoreConformance('redis', (bounds) => createRedisStore(url, bounds))`.
 */
export function describeStoreConformance(name: string, factory: StoreFactory): void {
  describe(`ServerStore conformance: ${name}`, () => {
    let time = 1_700_000_000_000
    const make = (bounds: Partial<StoreBounds> = {}) =>
      factory({
        now: () => time,
        maxEvents: 1000,
        maxAgeMs: 60_000,
        dedupeWindowMs: 60_000,
        dedupeMaxPerSender: 1000,
        ...bounds,
      })

    it('a stream nobody wrote to stands at offset 0 under an epoch, and reads empty', async () => {
      const store = await make()
      const position = await store.position('bob')
      expect(position.offset).toBe(0)
      expect(position.epoch).toMatch(/./)
      expect(await store.readStream('bob', 0, 10)).toEqual({
        epoch: position.epoch,
        last: 0,
        first: 1,
        events: [],
      })
    })

    it('offsets start at 1 and grow by 1 per event, per receiver; reads come oldest first, after the offset, limited', async () => {
      const store = await make()
      const sent = [message('a', 'bob'), message('a', 'carol'), message('a', 'bob'), message('c', 'bob')]
      const stored = []
      for (const m of sent) stored.push(await store.appendMessage(m, undefined))
      expect(stored.map((s) => [s.message.receiver, s.offset, s.duplicate])).toEqual([
        ['bob', 1, false],
        ['carol', 1, false],
        ['bob', 2, false],
        ['bob', 3, false],
      ])
      // Each stream has an epoch (a store may give all its streams the same one, as the memory store does).
      const { epoch } = await store.position('bob')
      expect(stored.filter((s) => s.message.receiver === 'bob').every((s) => s.epoch === epoch)).toBe(true)
      expect(stored[1]?.epoch).toBe((await store.position('carol')).epoch)
      expect(await store.position('bob')).toEqual({ epoch, offset: 3 })
      const slice = await store.readStream('bob', 1, 10)
      expect(slice).toMatchObject({ epoch, last: 3, first: 1 })
      expect(slice.events.map((e) => [e.offset, e.message.id])).toEqual([
        [2, sent[2]?.id],
        [3, sent[3]?.id],
      ])
      expect((await store.readStream('bob', 0, 2)).events.map((e) => e.offset)).toEqual([1, 2])
      expect((await store.readStream('bob', 3, 10)).events).toEqual([])
      expect((await store.readStream('bob', 99, 10)).events).toEqual([])
    })

    it('appends to one receiver resolve in offset order, even when issued together', async () => {
      const store = await make()
      const stored = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendMessage(message('a', 'bob', `n${i}`), undefined)),
      )
      expect(stored.map((s) => s.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      expect((await store.readStream('bob', 0, 100)).events.map((e) => e.message.text)).toEqual(
        Array.from({ length: 20 }, (_, i) => `n${i}`),
      )
    })

    it('keeps the newest maxEvents: older ones are trimmed, a read after a trimmed offset starts at the oldest kept', async () => {
      const store = await make({ maxEvents: 3 })
      for (let i = 0; i < 5; i++) await store.appendMessage(message('a', 'bob'), undefined)
      const slice = await store.readStream('bob', 0, 10)
      expect(slice).toMatchObject({ last: 5, first: 3 })
      expect(slice.events.map((e) => e.offset)).toEqual([3, 4, 5])
      expect((await store.readStream('bob', 1, 10)).events.map((e) => e.offset)).toEqual([3, 4, 5])
    })

    it('trims events maxAgeMs old; offsets go on from where they were, never repeating', async () => {
      const store = await make({ maxAgeMs: 1000 })
      await store.appendMessage(message('a', 'bob'), undefined)
      time += 500
      await store.appendMessage(message('a', 'bob'), undefined)
      time += 499
      expect((await store.readStream('bob', 0, 10)).events.map((e) => e.offset)).toEqual([1, 2])
      time += 1
      expect(await store.readStream('bob', 0, 10)).toMatchObject({ last: 2, first: 2 })
      time += 500
      const empty = await store.readStream('bob', 0, 10)
      expect(empty).toMatchObject({ last: 2, first: 3, events: [] })
      const next = await store.appendMessage(message('a', 'bob'), undefined)
      expect(next.offset).toBe(3)
      expect(next.epoch).toBe(empty.epoch)
    })

    it('finds the offset of a kept message in its receiver stream only', async () => {
      const store = await make({ maxEvents: 2 })
      const first = await store.appendMessage(message('a', 'bob'), undefined)
      const second = await store.appendMessage(message('a', 'bob'), undefined)
      const third = await store.appendMessage(message('a', 'bob'), undefined)
      expect(await store.findOffset('bob', third.message.id)).toBe(3)
      expect(await store.findOffset('bob', second.message.id)).toBe(2)
      expect(await store.findOffset('bob', first.message.id)).toBeUndefined()
      expect(await store.findOffset('carol', third.message.id)).toBeUndefined()
      expect(await store.findOffset('bob', 'never-sent')).toBeUndefined()
    })

    it('a send id reused by the same sender stores nothing and returns the first message; other senders and no id are independent', async () => {
      const store = await make()
      const original = await store.appendMessage(message('alice', 'bob', 'hello'), 'id-1')
      const retry = await store.appendMessage(message('alice', 'bob', 'hello again'), 'id-1')
      expect(retry).toEqual({ ...original, duplicate: true })
      expect(retry.message.text).toBe('hello')
      expect((await store.position('bob')).offset).toBe(1)
      const otherSender = await store.appendMessage(message('carol', 'bob'), 'id-1')
      expect(otherSender).toMatchObject({ duplicate: false, offset: 2 })
      const noId1 = await store.appendMessage(message('alice', 'bob'), undefined)
      const noId2 = await store.appendMessage(message('alice', 'bob'), undefined)
      expect([noId1.offset, noId2.offset, noId1.duplicate || noId2.duplicate]).toEqual([3, 4, false])
    })

    it('two sends with the same id issued together store once', async () => {
      const store = await make()
      const [a, b] = await Promise.all([
        store.appendMessage(message('alice', 'bob', 'one'), 'same'),
        store.appendMessage(message('alice', 'bob', 'two'), 'same'),
      ])
      expect([a?.duplicate, b?.duplicate]).toEqual([false, true])
      expect(b?.message).toEqual(a?.message)
      expect((await store.position('bob')).offset).toBe(1)
    })

    it('forgets a send id after dedupeWindowMs, and beyond dedupeMaxPerSender ids (oldest first)', async () => {
      const store = await make({ dedupeWindowMs: 1000, dedupeMaxPerSender: 2 })
      await store.appendMessage(message('alice', 'bob'), 'x')
      time += 999
      expect((await store.appendMessage(message('alice', 'bob'), 'x')).duplicate).toBe(true)
      time += 1
      expect((await store.appendMessage(message('alice', 'bob'), 'x')).duplicate).toBe(false)
      await store.appendMessage(message('alice', 'bob'), 'y')
      await store.appendMessage(message('alice', 'bob'), 'z')
      // x (the second one), y, z: only the newest two are remembered.
      expect((await store.appendMessage(message('alice', 'bob'), 'z')).duplicate).toBe(true)
      expect((await store.appendMessage(message('alice', 'bob'), 'x')).duplicate).toBe(false)
    })
  })
}
