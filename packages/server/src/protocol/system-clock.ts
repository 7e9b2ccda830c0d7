import type { Clock } from '@cometchat-connection/core'

/**
 * The real clock: `Date.now` and the global timers, available in browsers and Node alike.
 * Tests inject a fake {@link Clock} instead.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}
