// The playground's timing settings: their defaults and the one check every value passes, whether it comes
// from the options or from the settings form.
import {
  MIN_TIMEOUT_MS,
  PLAYGROUND_HEARTBEAT_INTERVAL_MS,
  PLAYGROUND_PONG_TIMEOUT_MS,
  type PlaygroundOptions,
  type PlaygroundTimings,
} from './controller-api.js'

/** Each timing's name in messages; its keys are every timing. */
export const TIMING_NAMES: Readonly<Record<keyof PlaygroundTimings, string>> = {
  backgroundTimeoutMs: 'background timeout',
  heartbeatIntervalMs: 'heartbeat interval',
  pongTimeoutMs: 'pong timeout',
}

/** Throws a `RangeError` naming the timing unless `ms` is a finite number of at least {@link MIN_TIMEOUT_MS}. */
export function checkTiming(name: keyof PlaygroundTimings, ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_TIMEOUT_MS) {
    throw new RangeError(`The ${TIMING_NAMES[name]} must be at least ${MIN_TIMEOUT_MS} ms; got ${ms}.`)
  }
  return ms
}

/** The timings of `options` with their defaults, each checked: a bad option fails at construction. */
export function initialTimings(options: PlaygroundOptions): PlaygroundTimings {
  return {
    backgroundTimeoutMs: checkTiming('backgroundTimeoutMs', options.backgroundTimeoutMs ?? 30_000),
    heartbeatIntervalMs: checkTiming(
      'heartbeatIntervalMs',
      options.heartbeatIntervalMs ?? PLAYGROUND_HEARTBEAT_INTERVAL_MS,
    ),
    pongTimeoutMs: checkTiming('pongTimeoutMs', options.pongTimeoutMs ?? PLAYGROUND_PONG_TIMEOUT_MS),
  }
}
