import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/browser.js'
import { MemoryStream } from '../../src/store/memory-stream.js'

// The memory store's options at their edges (the messages a developer sees for a bad one, which ones take
// fractions, the 24 h default age) and the memory bound of one inbox stream.

const message = (n: number, sender = 'alice') => ({
  id: `m${n}`,
  sender,
  receiver: 'bob',
  text: `t${n}`,
  sentAt: 0,
})

describe('memory store options', () => {
  it.each([
    [{ maxEvents: 2.5 }, 'Invalid maxEvents: expected a positive integer, got 2.5.'],
    [{ maxAgeMs: 0 }, 'Invalid maxAgeMs: expected a positive, finite number, got 0.'],
    [
      { dedupeWindowMs: Number.POSITIVE_INFINITY },
      'Invalid dedupeWindowMs: expected a positive, finite number, got Infinity.',
    ],
    [{ dedupeMaxPerSender: 0.5 }, 'Invalid dedupeMaxPerSender: expected a positive integer, got 0.5.'],
  ])('refuses %o saying what the option must be', (options, text) => {
    expect(() => createMemoryStore(options)).toThrow(text)
  })

  it('durations may be fractions of a millisecond; counts may not', () => {
    expect(() => createMemoryStore({ maxAgeMs: 1.5, dedupeWindowMs: 0.5 })).not.toThrow()
    expect(() => createMemoryStore({ dedupeMaxPerSender: 1.5 })).toThrow('dedupeMaxPerSender')
  })

  it('keeps events 24 hours by default: one 24 h - 1 ms old is kept, one 24 h old is gone', async () => {
    let time = 1_000_000
    const store = createMemoryStore({ now: () => time })
    await store.appendMessage(message(1), undefined)
    time += 24 * 60 * 60 * 1000 - 1
    expect((await store.readStream('bob', 0, 10)).events.map((e) => e.offset)).toEqual([1])
    time += 1
    expect(await store.readStream('bob', 0, 10)).toMatchObject({ first: 2, last: 1, events: [] })
  })

  it('remembers send ids as long as events by default (the dedupe window follows maxAgeMs)', async () => {
    let time = 0
    const store = createMemoryStore({ now: () => time, maxAgeMs: 1000 })
    await store.appendMessage(message(1), 'x')
    time = 999
    expect((await store.appendMessage(message(2), 'x')).duplicate).toBe(true)
    time = 1000
    expect((await store.appendMessage(message(3), 'x')).duplicate).toBe(false)
  })

  it('sends without an id take no place among the send ids remembered per sender', async () => {
    const store = createMemoryStore({ dedupeMaxPerSender: 2 })
    await store.appendMessage(message(1), 'x')
    await store.appendMessage(message(2), undefined)
    await store.appendMessage(message(3), undefined)
    await store.appendMessage(message(4), 'y')
    const retry = await store.appendMessage(message(5), 'x')
    expect(retry).toMatchObject({ duplicate: true, offset: 1 })
    expect(retry.message.id).toBe('m1')
  })
})

describe('MemoryStream memory', () => {
  /** How many events (and their times) the stream holds in memory, trimmed ones included. */
  const held = (stream: MemoryStream) => {
    const inside = stream as unknown as { events: unknown[]; times: unknown[] }
    return [inside.events.length, inside.times.length]
  }

  it('memory follows the kept events: the trimmed prefix is dropped once it is most of the arrays', () => {
    const stream = new MemoryStream('e')
    for (let i = 1; i <= 10_000; i++) {
      stream.append(message(i), i)
      stream.trim(i, 10, 1_000_000)
      const [events, times] = held(stream)
      // 64 trimmed events may wait (compacting each time would copy the arrays at every append).
      expect(events).toBeLessThanOrEqual(10 + 65)
      expect(times).toBe(events)
    }
    expect(stream.slice(0, 100).events.map((e) => e.offset)).toEqual(
      Array.from({ length: 10 }, (_, i) => 9_991 + i),
    )
  })

  it('ages are right after the arrays are compacted', () => {
    const stream = new MemoryStream('e')
    // 100 old events at t=0, then 10 at t=500..509; keeping 10 by count compacts the arrays.
    for (let i = 1; i <= 100; i++) stream.append(message(i), 0)
    for (let i = 101; i <= 110; i++) stream.append(message(i), 400 + i)
    stream.trim(510, 10, 1_000)
    expect(held(stream)[0]).toBe(10)
    expect(stream.first).toBe(101)
    // 1,000 ms after each of them, one at a time they age out.
    stream.trim(1_501, 10, 1_000)
    expect(stream.first).toBe(102)
    stream.trim(1_505, 10, 1_000)
    expect(stream.first).toBe(106)
    stream.trim(1_509, 10, 1_000)
    expect(stream.slice(0, 10).events.map((e) => e.offset)).toEqual([110])
  })
})
