// The per-client times of a recovery, summarised the same way for the outage and the storm.
import { percentile } from '../stats.mjs'

/** @param {number[]} times ms per client that came back @param {number} total clients */
export function summarise(times, total) {
  const at = (p) => (times.length === total ? Math.round(percentile(times, p)) : null)
  return {
    back: times.length,
    missing: total - times.length,
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
    maxMs: at(100),
  }
}
