import type { BackoffSettings } from '../settings.js'

/**
 * Full jitter applied to the capped exponential bound: a uniform delay in [0, min(max, initial × mult^attempt)).
 * Jitter after the cap keeps clients that reached the cap spread out (socket.io jitters before it).
 * However many attempts, the bound stays finite: a growth past any number is `Infinity`, capped to max.
 */
export function backoffDelay(backoff: BackoffSettings, attempt: number, random: number): number {
  const bound = Math.min(backoff.maxMs, backoff.initialMs * backoff.multiplier ** attempt)
  return Math.floor(random * bound)
}
