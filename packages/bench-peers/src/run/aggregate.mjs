// Medians over the repeated runs of one library in one scenario: the numbers the table shows.
import { median } from '../stats.mjs'

/** Median of a field over the runs that have it; null when none does. */
function medianOf(runs, field) {
  const values = runs.map((r) => r[field]).filter((v) => typeof v === 'number' && Number.isFinite(v))
  return values.length === runs.length && values.length > 0 ? median(values) : null
}

/**
 * The run closest to the median p50 (or the first): the one whose distribution and histogram are drawn.
 * @param {object[]} runs
 */
function representative(runs, field) {
  const m = medianOf(runs, field)
  if (m === null) return 0
  let best = 0
  for (let i = 1; i < runs.length; i++)
    if (Math.abs(runs[i][field] - m) < Math.abs(runs[best][field] - m)) best = i
  return best
}

/** @param {string} scenario @param {object[]} runs successful runs @returns {object} */
export function aggregate(scenario, runs) {
  if (runs.length === 0) return {}
  switch (scenario) {
    case 'outage':
    case 'outage-large':
      return {
        p50Ms: medianOf(runs, 'p50Ms'),
        p95Ms: medianOf(runs, 'p95Ms'),
        missing: Math.max(...runs.map((r) => r.missing)),
        drawn: representative(runs, 'p50Ms'),
      }
    case 'storm':
      return {
        p50Ms: medianOf(runs, 'p50Ms'),
        p99Ms: medianOf(runs, 'p99Ms'),
        busiest100ms: medianOf(runs, 'busiest100ms'),
        busiestOverAverage: medianOf(runs, 'busiestOverAverage'),
        clientBusiestOverAverage: medianOf(runs, 'clientBusiestOverAverage'),
        missing: Math.max(...runs.map((r) => r.missing)),
        drawn: representative(runs, 'p99Ms'),
      }
    case 'throughput':
      return {
        inboundPerSecond: medianOf(runs, 'inboundPerSecond'),
        sendsPerSecond: medianOf(runs, 'sendsPerSecond'),
      }
    case 'memory':
      return {
        heapPerClientBytes: medianOf(runs, 'heapPerClientBytes'),
        rssPerClientBytes: medianOf(runs, 'rssPerClientBytes'),
        heapPerClientWithOneTimeBytes: medianOf(runs, 'heapPerClientWithOneTimeBytes'),
        baselineHeapBytes: medianOf(runs, 'baselineHeapBytes'),
      }
    default:
      return {}
  }
}
