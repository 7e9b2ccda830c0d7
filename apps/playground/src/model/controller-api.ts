import type { AppStateValue, ConnectionMode } from '@cometchat-connection/core'
import type { PlaygroundState } from './state.js'

/** Options of `createPlaygroundController`; every field has a default. */
export interface PlaygroundOptions {
  /** A real server's http(s) URL (e.g. `http://127.0.0.1:4455`); none runs the server logic in the page. */
  readonly serverUrl?: string | null
  /** Default `'demo-app'`. */
  readonly appId?: string
  /** Default `'demo-auth-key'`. */
  readonly authKey?: string
  /** The uids the user picker offers. Default `['alice', 'carol', 'dave']`. */
  readonly users?: readonly string[]
  /** The second user. Default `'bob'`. */
  readonly peerUid?: string
  /** The main engine's first mode. Default `'auto'`. */
  readonly mode?: ConnectionMode
  /** Manual-mode background grace period, ms. Default 30000 (the engine's default). */
  readonly backgroundTimeoutMs?: number
  /**
   * Both engines' heartbeat interval (`setHeartbeatInterval`): foreground silence before the engine pings,
   * ms, at least {@link MIN_TIMEOUT_MS}. Default {@link PLAYGROUND_HEARTBEAT_INTERVAL_MS} (5000; the engine's
   * default is 15000), so a stalled link is found in seconds rather than 25 s.
   */
  readonly heartbeatIntervalMs?: number
  /**
   * Both engines' pong timeout (`setPongTimeout`): how long a heartbeat or `ping()` waits for the pong, ms,
   * at least {@link MIN_TIMEOUT_MS}. Default {@link PLAYGROUND_PONG_TIMEOUT_MS} (3000; the engine's is 10000).
   */
  readonly pongTimeoutMs?: number
  /** Auto-ping interval, ms. Default 10000. */
  readonly autoPingIntervalMs?: number
  /** In-page server: delivery delay, ms, so `connecting` is visible. Default 40. */
  readonly latencyMs?: number
  /**
   * In-page server: how many messages it keeps per user (its `inboxMaxEvents`), so how many missed ones
   * a resume can replay; a whole number ≥ 1. Default: the server's, 1000. A small window makes a lost
   * continuity easy to see. See {@link PlaygroundController.setInboxWindow}.
   */
  readonly inboxMaxEvents?: number
}

/** The playground's model: two engines, the platform sources, the server and the timeline. */
export interface PlaygroundController {
  getState(): PlaygroundState
  /** Calls `onChange` after every state change; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  /** Creates the engines and logs the second user in. Safe to call again after {@link dispose}. */
  start(): void
  /** Destroys both engines and stops the auto-ping timer. */
  dispose(): void
  setUid(uid: string): void
  login(): Promise<void>
  logout(): Promise<void>
  connect(): Promise<void>
  disconnect(): Promise<void>
  ping(): Promise<void>
  /** Re-creates the main engine in `mode`; a logged-in session is restored from storage (B2). */
  setMode(mode: ConnectionMode): void
  /** Re-creates the main engine with this background timeout. Throws on a value under 100 ms. */
  setBackgroundTimeout(ms: number): void
  /**
   * Sets the given timings and re-creates the main engine once if any changed. Throws a `RangeError`,
   * changing nothing, if any is under {@link MIN_TIMEOUT_MS}. The second user keeps the ones it started with.
   */
  setTimings(timings: Partial<PlaygroundTimings>): void
  setAppState(state: AppStateValue): void
  setOnline(online: boolean): void
  setAutoPing(enabled: boolean): void
  setAutoPingInterval(ms: number): void
  dropConnections(): void
  sendThrottleNotice(): void
  stopServer(): void
  startServer(): void
  /**
   * In-page server: stalls every link (`true`) or ends the stall: a half-open connection, where nothing
   * crosses and nothing closes, so only the heartbeat can find it. See `InMemoryTransport.setStalled`.
   */
  setLinkStalled(stalled: boolean): void
  /** The main user sends a message to the second user. */
  sendMessage(): Promise<void>
  /** The second user sends a message to the main user. */
  peerSendMessage(): Promise<void>
  peerLogin(): Promise<void>
  peerLogout(): Promise<void>
  clearTimeline(): void
  /**
   * In-page server: restarts it with this inbox window (`inboxMaxEvents`, a whole number ≥ 1). A restarted
   * in-memory server forgets every user, token and inbox, so both engines start over on fresh storage and
   * whoever was logged in logs in again. Throws a `RangeError`, changing nothing, for a bad value; does
   * nothing with a real server.
   */
  setInboxWindow(events: number): void
  /**
   * After `onContinuityLost`: fetches what the server still keeps after the last delivered message
   * (`fetchMessages`, paged), adds what the list lacks (marked `fetched`) and records the outcome in
   * `catchUp`. Does nothing while continuity is intact.
   */
  catchUp(): Promise<void>
}

/** The main engine's timings the settings form applies (each re-creates the main engine). */
export interface PlaygroundTimings {
  /** `setBackgroundTimeout`, ms. */
  readonly backgroundTimeoutMs: number
  /** `setHeartbeatInterval`, ms. */
  readonly heartbeatIntervalMs: number
  /** `setPongTimeout`, ms. */
  readonly pongTimeoutMs: number
}

/** The smallest background timeout, heartbeat interval, pong timeout and auto-ping interval the playground accepts, ms. */
export const MIN_TIMEOUT_MS = 100

/**
 * The playground's heartbeat interval, ms: a third of the engine's 15000, so that with
 * {@link PLAYGROUND_PONG_TIMEOUT_MS} a stalled link is found within 8 s of silence instead of 25 s.
 */
export const PLAYGROUND_HEARTBEAT_INTERVAL_MS = 5_000

/** The playground's pong timeout, ms (the engine's default is 10000). */
export const PLAYGROUND_PONG_TIMEOUT_MS = 3_000
