import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryStream } from '../../src/store/memory-stream.js'

// MemoryStream (the in-memory inbox) against a plain list, over random appends, trims (by count and by
// age, past the compaction threshold) and reads: the same first/last offsets, the same slices, the same
// offsets by message id. Fixed seed: the same schedules every run.

type Op =
  | { t: 'append'; dt: number }
  | { t: 'trim'; maxEvents: number; maxAgeMs: number }
  | { t: 'slice'; after: number; limit: number }
  | { t: 'find'; back: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ t: fc.constant('append' as const), dt: fc.integer({ min: 0, max: 50 }) }),
    weight: 8,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('trim' as const),
      maxEvents: fc.integer({ min: 1, max: 120 }),
      maxAgeMs: fc.integer({ min: 1, max: 4_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('slice' as const),
      after: fc.integer({ min: -2, max: 400 }),
      limit: fc.integer({ min: 0, max: 30 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ t: fc.constant('find' as const), back: fc.integer({ min: 0, max: 300 }) }),
    weight: 1,
  },
)

const message = (n: number) => ({ id: `m${n}`, sender: 'a', receiver: 'b', text: `t${n}`, sentAt: n })

describe('MemoryStream agrees with a plain list', () => {
  it('over random schedules', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 400 }), (ops) => {
        const stream = new MemoryStream('e1')
        let kept: Array<{ offset: number; time: number; id: string }> = []
        let last = 0
        let now = 1_000
        for (const o of ops) {
          if (o.t === 'append') {
            now += o.dt
            const offset = stream.append(message(last + 1), now)
            last++
            expect(offset).toBe(last)
            kept.push({ offset, time: now, id: `m${offset}` })
          } else if (o.t === 'trim') {
            stream.trim(now, o.maxEvents, o.maxAgeMs)
            kept = kept.slice(Math.max(0, kept.length - o.maxEvents)).filter((e) => e.time > now - o.maxAgeMs)
          } else if (o.t === 'slice') {
            const s = stream.slice(o.after, o.limit)
            const first = kept[0]?.offset ?? last + 1
            expect(s).toMatchObject({ epoch: 'e1', last, first })
            expect(s.events.map((e) => e.offset)).toEqual(
              kept
                .filter((e) => e.offset > o.after)
                .slice(0, Math.max(0, o.limit))
                .map((e) => e.offset),
            )
            expect(s.events.every((e) => e.message.id === `m${e.offset}`)).toBe(true)
          } else {
            const id = `m${last - o.back}`
            expect(stream.offsetOf(id)).toBe(kept.find((e) => e.id === id)?.offset)
          }
          expect(stream.last).toBe(last)
          expect(stream.first).toBe(kept[0]?.offset ?? last + 1)
        }
      }),
      { numRuns: 200, seed: 20_151 },
    )
  })

  it('trims by age at the boundary: stored maxAgeMs ago or earlier goes', () => {
    const stream = new MemoryStream('e')
    stream.append(message(1), 1_000)
    stream.append(message(2), 1_500)
    stream.trim(2_000, 10, 1_000) // the one stored at 1,000 is exactly 1,000 ms old
    expect(stream.first).toBe(2)
    stream.trim(2_499, 10, 1_000)
    expect(stream.first).toBe(2)
    stream.trim(2_500, 10, 1_000)
    expect(stream.first).toBe(3)
    expect(stream.slice(0, 10).events).toEqual([])
  })
})
