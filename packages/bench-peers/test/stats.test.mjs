import { describe, expect, it } from 'vitest'
import { histogram, median, percentile, quantiles } from '../src/stats.mjs'

describe('statistics of the bench', () => {
  it('median: middle value, mean of the middle two, NaN when empty; input not reordered', () => {
    const values = [5, 1, 3]
    expect(median(values)).toBe(3)
    expect(values).toEqual([5, 1, 3])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('median of trials with "never" (Infinity) is never when most never noticed', () => {
    expect(median([21_000, Number.POSITIVE_INFINITY, 23_000])).toBe(23_000)
    expect(median([21_000, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBe(
      Number.POSITIVE_INFINITY,
    )
  })

  it('percentile is nearest-rank', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i) // 200 … 1
    expect(percentile(values, 50)).toBe(100)
    expect(percentile(values, 95)).toBe(190)
    expect(percentile(values, 99)).toBe(198)
    expect(percentile(values, 100)).toBe(200)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([7], 50)).toBe(7)
  })

  it('quantiles: 101 points from min to max, rounded to the step', () => {
    const q = quantiles([10, 20, 30, 40], 5)
    expect(q).toHaveLength(101)
    expect(q[0]).toBe(10)
    expect(q[50]).toBe(20)
    expect(q[51]).toBe(30)
    expect(q[100]).toBe(40)
    expect(quantiles([1234.4, 1236.6], 10)).toContain(1230)
    expect(quantiles([])).toEqual([])
  })

  it('histogram: bins per 100 ms over the window, busiest, average and their ratio', () => {
    const start = 1000
    const times = [1000, 1050, 1099, 1100, 1350, 1400, 999, 1501]
    const h = histogram(times, start, 1400, 100)
    // 999 is before the window and 1501 after it; 1400 (the end) falls in the last bin.
    expect(h.bins).toEqual([3, 1, 0, 2])
    expect(h.total).toBe(6)
    expect(h.busiest).toBe(3)
    expect(h.average).toBe(1.5)
    expect(h.ratio).toBe(2)
  })

  it('histogram of an even spread has ratio 1; of a single burst, the number of bins', () => {
    const even = Array.from({ length: 50 }, (_, i) => i * 20)
    expect(histogram(even, 0, 999, 100).ratio).toBe(1)
    const burst = Array.from({ length: 30 }, () => 2950)
    expect(histogram(burst, 0, 3000, 100).ratio).toBe(30)
  })
})
