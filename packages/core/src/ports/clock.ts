import type { Clock } from '../types.js'

/**
 * The real clock. Its `now()` starts at `Date.now()` and moves with it, so a frozen tab or a laptop
 * that slept acts at once when it wakes (the wall clock counts sleep; `performance.now()` may not).
 * It never goes back: when the wall clock is set back (by the user or NTP), it moves by
 * `performance.now()` instead, so a pending deadline (heartbeat, backoff, grace period) is not
 * stretched by the jump. Read lazily so nothing global is touched at import time.
 */
export function realClock(): Clock {
  const mono = () => globalThis.performance?.now() ?? 0
  let wall = Date.now()
  let tick = mono()
  let now = wall
  return {
    now() {
      const w = Date.now()
      const t = mono()
      now += w >= wall ? w - wall : Math.max(0, t - tick)
      wall = w
      tick = t
      return now
    },
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
}
