// The delivery helpers: what the playground says about a resume, and how a catch-up merges.
import { describe, expect, it } from 'vitest'
import { checkInboxWindow, describePending, describeRecovery, mergeFetched } from '../delivery.js'
import type { ChatLine } from '../state.js'

const line = (id: string, sentAt: number, source: ChatLine['source'] = 'live'): ChatLine => ({
  id,
  from: 'bob',
  to: 'alice',
  text: id,
  sentAt,
  at: 0,
  source,
})

describe('delivery helpers', () => {
  it('say what the last resume did', () => {
    expect(describeRecovery(null)).toBe('none yet')
    expect(describeRecovery({ resumed: true, replayed: 3 })).toBe('resumed, 3 replayed')
    expect(describeRecovery({ resumed: false, reason: 'epoch' })).toBe('continuity lost (epoch)')
    expect(describePending(0)).toBe('none')
    expect(describePending(2)).toBe('2 waiting')
  })

  it('a catch-up adds only what the list lacks, before the live messages that followed the gap', () => {
    const list = [line('m1', 1), line('m9', 9)]
    const { lines, added } = mergeFetched(list, [line('m1', 1, 'fetched'), line('m4', 4, 'fetched')])
    expect(added).toBe(1)
    expect(lines.map((l) => `${l.id}:${l.source}`)).toEqual(['m1:live', 'm4:fetched', 'm9:live'])
  })

  it('the inbox window is a whole number of messages, at least 1', () => {
    expect(checkInboxWindow(1)).toBe(1)
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => checkInboxWindow(bad)).toThrow(RangeError)
  })
})
