import { type AppSettings, AppSettingsBuilder } from '@cometchat-connection/core'

/**
 * The engines' timing in a chaos run: the documented defaults (settings.ts) scaled down so a fault is
 * noticed, and a run ends, in seconds rather than minutes. Every bound the run checks is derived from
 * these values, never written down separately.
 */
export const CHAOS_TIMING = {
  connectTimeout: 3_000,
  heartbeatInterval: 2_500,
  pongTimeout: 2_000,
  sendTimeout: 8_000,
  httpTimeout: 3_000,
  backgroundTimeout: 3_000,
  stableAfter: 3_000,
  backoff: { initialMs: 250, maxMs: 2_000, multiplier: 2 },
} as const

/** The timing a run uses (the constant above, or another one in tests). */
export type ChaosTiming = typeof CHAOS_TIMING

/**
 * Added to every bound: the work between a deadline firing and the promise's handler running (frames
 * through the proxy, the listeners, a busy event loop's turn). Measured event-loop lag is added on top,
 * per promise, for the time it was pending.
 */
export const MARGIN_MS = 1_000

/** The settings of one engine of the run. */
export function chaosSettings(
  serverUrl: string,
  manual: boolean,
  timing: ChaosTiming = CHAOS_TIMING,
): AppSettings {
  return new AppSettingsBuilder()
    .setServerUrl(serverUrl)
    .autoEstablishSocketConnection(!manual)
    .setConnectTimeout(timing.connectTimeout)
    .setHeartbeatInterval(timing.heartbeatInterval)
    .setPongTimeout(timing.pongTimeout)
    .setSendTimeout(timing.sendTimeout)
    .setHttpTimeout(timing.httpTimeout)
    .setBackgroundTimeout(timing.backgroundTimeout)
    .setStableAfter(timing.stableAfter)
    .setReconnectBackoff(timing.backoff)
    .build()
}

/** Every promise the run makes, by the engine method (or core function) that returned it. */
export const PROMISE_KINDS = [
  'init',
  'login',
  'logout',
  'connect',
  'disconnect',
  'ping',
  'sendMessage',
  'fetchMessages',
] as const

/** One of {@link PROMISE_KINDS}. */
export type PromiseKind = (typeof PROMISE_KINDS)[number]

/**
 * The documented bound of each promise, before the margin: login and logout and history are HTTP
 * requests (`httpTimeout`; a logout never waits for a hung login); `connect()` settles with its attempt
 * (`connectTimeout`); `ping()` with the pong (`pongTimeout`); `sendMessage()` by `sendTimeout`;
 * `disconnect()` at once; `init()` once the storage answered (memory: at once).
 */
export function promiseBounds(timing: ChaosTiming = CHAOS_TIMING): Record<PromiseKind, number> {
  return {
    init: 0,
    login: timing.httpTimeout,
    logout: timing.httpTimeout,
    connect: timing.connectTimeout,
    disconnect: 0,
    ping: timing.pongTimeout,
    sendMessage: timing.sendTimeout,
    fetchMessages: timing.httpTimeout,
  }
}

/**
 * Once the faults stop, how long an engine that should be connected may take, from the moment it
 * should be (the quiet period's start, or the app's login or `connect()` after it): a backoff delay
 * pending at most `maxMs`, then one attempt within `connectTimeout`.
 */
export function reconnectBound(timing: ChaosTiming = CHAOS_TIMING): number {
  return timing.backoff.maxMs + timing.connectTimeout
}

/**
 * How long an engine in the foreground and online may keep a socket whose path went silent (half-open):
 * an open one is found dead by the heartbeat (a ping after `heartbeatInterval` of silence, no pong within
 * `pongTimeout`); one still connecting fails at its `connectTimeout`.
 */
export function halfOpenBound(timing: ChaosTiming = CHAOS_TIMING): number {
  return Math.max(timing.heartbeatInterval + timing.pongTimeout, timing.connectTimeout)
}

/**
 * Rejections that cannot be right in a chaos run, whatever the faults: the app's key is right and the
 * server is this repository's, so a login refused as a bad login, or a history page taken for a bad
 * server, is a network fault reported under the wrong code (the app would tell its user the wrong thing,
 * and not retry). A network fault is `ERR_NETWORK_REQUEST_FAILED`.
 */
export const WRONG_CODES = {
  login: { ERR_AUTH_FAILED: 'the auth key is right; a network fault is ERR_NETWORK_REQUEST_FAILED' },
  fetchMessages: {
    ERR_MALFORMED_FRAME: "the server is this repository's; a network fault is ERR_NETWORK_REQUEST_FAILED",
  },
} as const
