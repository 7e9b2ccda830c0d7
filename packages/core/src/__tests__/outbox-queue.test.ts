import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findSend,
  type Outbox,
  type Outgoing,
  oldestSend,
  outboxOf,
  sendsIn,
  withoutSend,
  withSend,
} from '../delivery/outbox.js'
import { noop } from '../noop.js'

// The outbox (delivery/outbox.ts) is a persistent queue: every version the machine ever held keeps its
// contents (machine states are values), adding and taking the oldest share one array, and the dead part
// of that array never outgrows the live one past a small start. Checked here against plain arrays.

const send = (n: number): Outgoing => ({
  req: [noop, noop],
  id: `id-${n}`,
  receiver: 'bob',
  text: `t${n}`,
  deadline: n,
})

/** Every version made so far, and what each must hold (a plain array per version). */
interface World {
  versions: Outbox[]
  models: Outgoing[][]
}

type Op =
  | { t: 'add'; from: number }
  | { t: 'remove'; from: number; pick: number }
  | { t: 'oldest'; from: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('add' as const), from: fc.nat() }),
  fc.record({ t: fc.constant('remove' as const), from: fc.nat(), pick: fc.nat() }),
  fc.record({ t: fc.constant('oldest' as const), from: fc.nat() }),
)

describe('the outbox: a persistent queue', () => {
  it('property: every version keeps its own sends in order, whatever is added to or removed from any version', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80 }), fc.boolean(), (ops, recent) => {
        const w: World = { versions: [outboxOf([])], models: [[]] }
        let next = 0
        for (const op of ops) {
          // Mostly the newest version (what the machine does), sometimes an older one (a kept state).
          const i = recent ? w.versions.length - 1 - (op.from % 2) : op.from % w.versions.length
          const from = Math.max(0, i)
          const q = w.versions[from]!
          const model = w.models[from]!
          if (op.t === 'add') {
            const o = send(next++)
            w.versions.push(withSend(q, o))
            w.models.push([...model, o])
          } else {
            const o = op.t === 'oldest' ? model[0] : model[op.pick % Math.max(1, model.length)]
            if (!o) continue
            w.versions.push(withoutSend(q, o))
            w.models.push(model.filter((x) => x !== o))
          }
          // Every version, old ones included, still holds exactly what it held.
          for (const [k, v] of w.versions.entries()) {
            const expected = w.models[k]!
            expect(sendsIn(v)).toEqual(expected)
            expect(v.end - v.start).toBe(expected.length)
            expect(oldestSend(v)).toBe(expected[0])
            for (const o of expected) expect(findSend(v, o.id)).toBe(o)
          }
        }
        // Sends no longer in a version are not found there.
        const last = w.versions.at(-1)!
        const kept = new Set(w.models.at(-1))
        for (let n = 0; n < next; n++) {
          const o = w.models.flat().find((x) => x.id === `id-${n}`)!
          expect(findSend(last, o.id)).toBe(kept.has(o) ? o : undefined)
        }
      }),
      { seed: 15, numRuns: 300 },
    )
  })

  it('findSend finds the send with that id, not the first one, and none without an id', () => {
    let q = outboxOf([])
    for (let n = 0; n < 4; n++) q = withSend(q, send(n))
    q = withoutSend(q, oldestSend(q)!)
    expect(findSend(q, 'id-2')?.text).toBe('t2')
    expect(findSend(q, 'id-3')?.text).toBe('t3')
    expect(findSend(q, 'id-0')).toBeUndefined() // taken out: an ack for it finds nothing
    expect(findSend(q, undefined)).toBeUndefined()
  })

  it('one empty outbox serves every state, and adding to it never changes it', () => {
    const empty = outboxOf([])
    expect(outboxOf([])).toBe(empty)
    const one = withSend(empty, send(0))
    expect(sendsIn(one).map((o) => o.text)).toEqual(['t0'])
    expect(one.items).not.toBe(empty.items)
    expect([empty.items, sendsIn(empty), outboxOf([]).end]).toEqual([[], [], 0])
  })

  it('adding to the newest version and taking its oldest do not copy the sends (a burst costs O(1) each)', () => {
    let q = withSend(outboxOf([]), send(0)) // the first send leaves the shared empty outbox
    const array = q.items
    for (let n = 1; n < 10; n++) q = withSend(q, send(n))
    expect(q.items).toBe(array)
    q = withoutSend(q, oldestSend(q)!)
    expect(q.items).toBe(array)
    expect(sendsIn(q).map((o) => o.text)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'])
    // A small outbox is never compacted: emptying it from the front keeps the one array.
    let drained = q
    while (drained.end - drained.start > 1) drained = withoutSend(drained, oldestSend(drained)!)
    expect(drained.items).toBe(array)
    expect(sendsIn(drained).map((o) => o.text)).toEqual(['t9'])
    // Taking one that is not the oldest copies (rare: acks come in order).
    const middle = withoutSend(q, sendsIn(q)[3]!)
    expect(middle.items).not.toBe(array)
    expect(sendsIn(middle).map((o) => o.text)).toEqual(['t1', 't2', 't3', 't5', 't6', 't7', 't8', 't9'])
  })

  it('a busy outbox that is never empty stays small: the dead part is dropped once it outgrows the live one', () => {
    let q = outboxOf([])
    for (let n = 0; n < 300; n++) q = withSend(q, send(n))
    const array = q.items
    let copies = 0
    let previous = q.items
    // In steady state: one send in, the oldest out, many times over.
    for (let n = 300; n < 5_000; n++) {
      q = withSend(q, send(n))
      q = withoutSend(q, oldestSend(q)!)
      if (q.items !== previous) copies++
      previous = q.items
      const live = q.end - q.start
      expect(live).toBe(300)
      // Never more dead entries than live ones (past the first 64), so the array stays within bounds.
      expect(q.start).toBeLessThanOrEqual(Math.max(64, live))
      expect(q.items.length).toBeLessThanOrEqual(2 * live + 1)
    }
    // Compacting is rare (once per ~300 sends here), not once per send.
    expect(copies).toBeGreaterThan(0)
    expect(copies).toBeLessThan(40)
    expect(sendsIn(q)[0]?.text).toBe('t4700')
    expect(array).not.toBe(q.items)
  })

  it('taking the oldest past the first 64 shares the array while the live part is the larger one', () => {
    let q = outboxOf([])
    for (let n = 0; n < 200; n++) q = withSend(q, send(n))
    const array = q.items
    for (let n = 0; n < 80; n++) q = withoutSend(q, oldestSend(q)!)
    // 80 dead, 120 live: still the same array (no copy per ack past 64).
    expect(q.items).toBe(array)
    expect(q.start).toBe(80)
    for (let n = 80; n < 101; n++) q = withoutSend(q, oldestSend(q)!)
    // 101 taken, 99 live: the dead part outgrew the live one and was dropped.
    expect(q.items).not.toBe(array)
    expect(q.start).toBeLessThan(2)
    expect(q.items.length).toBeLessThan(101)
    expect(sendsIn(q).map((o) => o.text)).toEqual(Array.from({ length: 99 }, (_, i) => `t${i + 101}`))
  })
})
