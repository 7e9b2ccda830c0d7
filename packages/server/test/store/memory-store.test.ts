import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/browser.js'
import { describeStoreConformance } from './store-conformance.js'

describeStoreConformance('memory', (bounds) => createMemoryStore(bounds))

describe('memory store', () => {
  it('a new store is a new history: another epoch', async () => {
    const a = createMemoryStore()
    const b = createMemoryStore()
    expect(a.epoch).not.toBe(b.epoch)
    expect((await a.position('bob')).epoch).toBe(a.epoch)
    expect((await b.position('bob')).epoch).toBe(b.epoch)
  })

  it('clearStream restarts one stream at offset 0 under a new epoch; others keep theirs', async () => {
    const store = createMemoryStore()
    const m = (receiver: string) => ({ id: `${receiver}1`, sender: 'a', receiver, text: 't', sentAt: 0 })
    await store.appendMessage(m('bob'), undefined)
    await store.appendMessage(m('carol'), undefined)
    store.clearStream('bob')
    const bob = await store.position('bob')
    expect(bob.offset).toBe(0)
    expect(bob.epoch).not.toBe(store.epoch)
    expect(await store.position('carol')).toEqual({ epoch: store.epoch, offset: 1 })
    expect((await store.appendMessage(m('bob'), undefined)).epoch).toBe(bob.epoch)
  })

  it('keeps memory bounded: 10,000 appends to one inbox keep the newest maxEvents', async () => {
    const store = createMemoryStore({ maxEvents: 10 })
    for (let i = 0; i < 10_000; i++)
      await store.appendMessage(
        { id: `m${i}`, sender: 'a', receiver: 'bob', text: 't', sentAt: 0 },
        undefined,
      )
    const slice = await store.readStream('bob', 0, 100)
    expect(slice.events.map((e) => e.offset)).toEqual(Array.from({ length: 10 }, (_, i) => 9_991 + i))
  })

  it.each([
    ['maxEvents', { maxEvents: 0 }],
    ['maxEvents', { maxEvents: 1.5 }],
    ['maxAgeMs', { maxAgeMs: -1 }],
    ['dedupeWindowMs', { dedupeWindowMs: Number.NaN }],
    ['dedupeMaxPerSender', { dedupeMaxPerSender: 0 }],
  ])('refuses a bad %s with ERR_INVALID_ARGUMENT naming it', (name, options) => {
    expect(() => createMemoryStore(options)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining(name) }),
    )
  })
})
