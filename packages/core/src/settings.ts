import { invalidArgument } from './errors.js'

/** Reconnect backoff: delay = random × min(maxMs, initialMs × multiplier^attempt) (full jitter on the capped value). */
export interface BackoffSettings {
  /** First delay bound, ms. Default 1000. */
  readonly initialMs: number
  /** Largest delay bound, ms. Default 4000: a server back after an outage is found within it. */
  readonly maxMs: number
  /** Growth per attempt. Default 2. */
  readonly multiplier: number
}

/** Settings of an engine, built by {@link AppSettingsBuilder}. Frozen. */
export interface AppSettings {
  /** Whether the server should send presence of every user. Default false. */
  readonly subscribePresenceForAllUsers: boolean
  /** CometChat region; informative here. Default `'us'`. */
  readonly region: string
  /** `true` (default) = auto mode, `false` = manual mode. */
  readonly autoEstablishSocketConnection: boolean
  /** Base http(s) URL of the realtime server. Default `http://localhost:4455`. */
  readonly serverUrl: string
  /** Manual mode: background grace period before the socket is closed, ms. Default 30000. */
  readonly backgroundTimeout: number
  /** Heartbeat: a ping is sent after this much silence in the foreground, ms. Default 15000. */
  readonly heartbeatInterval: number
  /** Heartbeat and `ping()`: how long to wait for the pong, ms. Default 10000. */
  readonly pongTimeout: number
  /** How long one connection attempt (open + auth) may take, ms. Default 10000. */
  readonly connectTimeout: number
  /** A connection that stays up this long resets the backoff, ms. Default 10000. */
  readonly stableAfter: number
  /** How long a `sendMessage()` may wait for a connection and its acknowledgement, ms. Default 30000. */
  readonly sendTimeout: number
  /** Deadline of every HTTP request (login, logout, history), ms. Default 10000. */
  readonly httpTimeout: number
  /** Reconnect backoff. */
  readonly backoff: BackoffSettings
}

/** The defaults, documented in the docs' "Reconnection and heartbeat" page. */
export const DEFAULT_SETTINGS: AppSettings = Object.freeze({
  subscribePresenceForAllUsers: false,
  region: 'us',
  autoEstablishSocketConnection: true,
  serverUrl: 'http://localhost:4455',
  backgroundTimeout: 30_000,
  heartbeatInterval: 15_000,
  pongTimeout: 10_000,
  connectTimeout: 10_000,
  stableAfter: 10_000,
  sendTimeout: 30_000,
  httpTimeout: 10_000,
  backoff: Object.freeze({ initialMs: 1_000, maxMs: 4_000, multiplier: 2 }),
})

function positiveMs(what: string, ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw invalidArgument(what, 'a positive, finite number of milliseconds', ms)
  }
  return ms
}

/**
 * Builds {@link AppSettings}, with CometChat's method names plus this library's timing options.
 * Every setter validates its argument and throws `ERR_INVALID_ARGUMENT` on bad input.
 *
 * @example
 * ```ts
 * const settings = new AppSettingsBuilder()
 *   .subscribePresenceForAllUsers()
 *   .setRegion('eu')
 *   .autoEstablishSocketConnection(false)
 *   .setServerUrl('http://localhost:4455')
 *   .build()
 * ```
 */
export class AppSettingsBuilder {
  private values: { -readonly [K in keyof AppSettings]: AppSettings[K] } = { ...DEFAULT_SETTINGS }

  /** Receive presence (online/offline) of every user of the app. */
  subscribePresenceForAllUsers(): this {
    this.values.subscribePresenceForAllUsers = true
    return this
  }

  /** The CometChat region (`'us'`, `'eu'`, `'in'` …). */
  setRegion(region: string): this {
    if (typeof region !== 'string' || region.trim() === '')
      throw invalidArgument('region', 'a non-empty string', region)
    this.values.region = region
    return this
  }

  /** `true` (default): auto mode. `false`: manual mode (`connect()`, `disconnect()`, `ping()`). */
  autoEstablishSocketConnection(auto: boolean): this {
    if (typeof auto !== 'boolean')
      throw invalidArgument('autoEstablishSocketConnection', 'true or false', auto)
    this.values.autoEstablishSocketConnection = auto
    return this
  }

  /** Base http(s) URL of the realtime server; the WebSocket URL is derived from it. */
  setServerUrl(url: string): this {
    let parsed: URL | null = null
    try {
      parsed = typeof url === 'string' ? new URL(url) : null
    } catch {
      parsed = null
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw invalidArgument('server URL', 'an absolute http:// or https:// URL', url)
    }
    this.values.serverUrl = url
    return this
  }

  /** Manual mode: how long the socket survives in the background without `ping()`. Default 30000 ms. */
  setBackgroundTimeout(ms: number): this {
    this.values.backgroundTimeout = positiveMs('background timeout', ms)
    return this
  }

  /** Silence in the foreground after which a heartbeat ping is sent. Default 15000 ms. */
  setHeartbeatInterval(ms: number): this {
    this.values.heartbeatInterval = positiveMs('heartbeat interval', ms)
    return this
  }

  /** How long a heartbeat or `ping()` waits for the pong. Default 10000 ms. */
  setPongTimeout(ms: number): this {
    this.values.pongTimeout = positiveMs('pong timeout', ms)
    return this
  }

  /** How long a connection attempt may take before it fails. Default 10000 ms. */
  setConnectTimeout(ms: number): this {
    this.values.connectTimeout = positiveMs('connect timeout', ms)
    return this
  }

  /** How long a connection must stay up to reset the backoff. Default 10000 ms. */
  setStableAfter(ms: number): this {
    this.values.stableAfter = positiveMs('stable-after time', ms)
    return this
  }

  /** How long a `sendMessage()` may wait for a connection and its acknowledgement. Default 30000 ms. */
  setSendTimeout(ms: number): this {
    this.values.sendTimeout = positiveMs('send timeout', ms)
    return this
  }

  /** Deadline of every HTTP request (login, logout, history). Default 10000 ms. */
  setHttpTimeout(ms: number): this {
    this.values.httpTimeout = positiveMs('HTTP timeout', ms)
    return this
  }

  /** Reconnect backoff bounds. Defaults: 1000 ms initial, ×2, 4000 ms cap. */
  setReconnectBackoff(backoff: Partial<BackoffSettings>): this {
    const next = { ...this.values.backoff, ...backoff }
    positiveMs('backoff initialMs', next.initialMs)
    positiveMs('backoff maxMs', next.maxMs)
    if (typeof next.multiplier !== 'number' || !Number.isFinite(next.multiplier) || next.multiplier < 1) {
      throw invalidArgument('backoff multiplier', 'a finite number ≥ 1', next.multiplier)
    }
    if (next.maxMs < next.initialMs)
      throw invalidArgument('backoff maxMs', `a number ≥ initialMs (${next.initialMs})`, next.maxMs)
    this.values.backoff = Object.freeze(next)
    return this
  }

  /** The frozen settings. */
  build(): AppSettings {
    // Not `Object.freeze({ ...this.values })`: V8 gives every object made so its own hidden class
    // (about 450 B each, and property reads that see a new shape per engine); a copy by
    // `Object.assign` shares one.
    return Object.freeze(Object.assign({}, this.values))
  }
}
