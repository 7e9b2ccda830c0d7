import type { Clock } from '../types.js'

/** The real clock. Read lazily so nothing global is touched at import time. */
export function realClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  }
}
