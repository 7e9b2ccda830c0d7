// The statistics every scenario reports: medians, nearest-rank percentiles, quantile summaries for the
// charts, and the storm histogram (attempts per bin, busiest bin, busiest / average).

/** @param {number[]} values @returns {number} the median (mean of the middle two); NaN when empty */
export function median(values) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Nearest-rank percentile: the smallest value with at least p % of the values at or below it.
 * @param {number[]} values @param {number} p 0-100 @returns {number} NaN when empty
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1]
}

/**
 * 101 nearest-rank percentiles (p0 = min … p100 = max), rounded to `step`: a cumulative distribution
 * small enough to keep in the JSON for every run and to draw.
 * @param {number[]} values @param {number} [step] @returns {number[]} empty when there are no values
 */
export function quantiles(values, step = 1) {
  if (values.length === 0) return []
  const sorted = [...values].sort((a, b) => a - b)
  return Array.from({ length: 101 }, (_, p) => {
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
    return Math.round(sorted[rank - 1] / step) * step
  })
}

/**
 * Counts of `times` per `binMs` from `start` to `end` (a time at `end` falls in the last bin), the
 * busiest bin, the average over the window and their ratio.
 * @param {number[]} times @param {number} start @param {number} end @param {number} [binMs]
 * @returns {{ bins: number[], busiest: number, average: number, ratio: number, total: number }}
 */
export function histogram(times, start, end, binMs = 100) {
  const count = Math.max(1, Math.ceil((end - start) / binMs))
  const bins = new Array(count).fill(0)
  let total = 0
  for (const t of times) {
    if (t < start || t > end) continue
    bins[Math.min(count - 1, Math.floor((t - start) / binMs))]++
    total++
  }
  const busiest = Math.max(...bins)
  const average = total / count
  return { bins, busiest, average, ratio: average > 0 ? busiest / average : Number.NaN, total }
}
