import { describe, expect, it } from 'vitest'
import { countdownProgress, formatCountdown } from '../countdown.js'
import { serverUrlFromSearch } from '../server-url.js'
import { appendLine, type ChatLine } from '../state.js'
import { formatClock, formatOffset, prependEntry, type TimelineEntry } from '../timeline.js'

const entry = (id: number): TimelineEntry => ({ id, at: 1000 + id, kind: 'status', text: `e${id}` })

describe('timeline', () => {
  it('puts the newest entry first and keeps at most the limit', () => {
    let list: readonly TimelineEntry[] = []
    for (let i = 1; i <= 5; i++) list = prependEntry(list, entry(i), 3)
    expect(list.map((e) => e.id)).toEqual([5, 4, 3])
  })

  it('never mutates the list it was given', () => {
    const list = Object.freeze([entry(1)])
    expect(prependEntry(list, entry(2))).toHaveLength(2)
    expect(list).toHaveLength(1)
  })

  it('formats a timestamp as local HH:MM:SS.mmm, milliseconds padded', () => {
    const at = new Date(2024, 0, 2, 3, 4, 5, 6).getTime()
    expect(formatClock(at)).toBe('03:04:05.006')
  })

  it('formats the offset from the origin in seconds with milliseconds', () => {
    expect(formatOffset(12_345, 10_000)).toBe('+2.345 s')
    expect(formatOffset(9_000, 10_000)).toBe('+0.000 s')
  })
})

describe('countdown', () => {
  it('shows a dash without a deadline', () => {
    expect(formatCountdown(null, 5)).toBe('—')
  })

  it('shows tenths under 10 s and whole seconds (rounded up) above', () => {
    expect(formatCountdown(1_000 + 1_449, 1_000)).toBe('1.4 s')
    expect(formatCountdown(30_000, 0)).toBe('30 s')
    expect(formatCountdown(12_001, 0)).toBe('13 s')
  })

  it('says due once the deadline passed (a throttled timer fires late)', () => {
    expect(formatCountdown(1_000, 1_000)).toBe('due')
    expect(formatCountdown(1_000, 4_000)).toBe('due')
  })

  it('reports the fraction left, clamped to 0…1', () => {
    expect(countdownProgress(null, 1_000, 0)).toBe(0)
    expect(countdownProgress(1_500, 1_000, 1_000)).toBe(0.5)
    expect(countdownProgress(5_000, 1_000, 0)).toBe(1)
    expect(countdownProgress(500, 1_000, 1_000)).toBe(0)
  })
})

describe('server URL from the query string', () => {
  it('takes an absolute http(s) URL', () => {
    expect(serverUrlFromSearch('?server=http://127.0.0.1:4455')).toBe('http://127.0.0.1:4455')
    expect(serverUrlFromSearch('?x=1&server=https%3A%2F%2Fchat.example')).toBe('https://chat.example')
  })

  it('ignores a missing, relative or non-http value (the in-page server is used)', () => {
    expect(serverUrlFromSearch('')).toBeNull()
    expect(serverUrlFromSearch('?server=')).toBeNull()
    expect(serverUrlFromSearch('?server=localhost:4455')).toBeNull()
    expect(serverUrlFromSearch('?server=ws://127.0.0.1:4455')).toBeNull()
  })
})

describe('chat lists', () => {
  it('append at the end and drop the oldest past the limit', () => {
    const line = (id: string): ChatLine => ({
      id,
      from: 'bob',
      to: 'alice',
      text: id,
      sentAt: 0,
      at: 0,
      source: 'live',
    })
    let list: readonly ChatLine[] = []
    for (const id of ['a', 'b', 'c', 'd']) list = appendLine(list, line(id), 3)
    expect(list.map((l) => l.id)).toEqual(['b', 'c', 'd'])
  })
})
