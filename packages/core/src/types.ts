import type { CometChatException } from './errors.js'
import type { Recovery, ResetReason } from './protocol.js'
import type { AppSettings } from './settings.js'

/** CometChat's connection status values (`getConnectionStatus()`). */
export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected'

/** `auto`: the engine opens and closes the socket itself. `manual`: only `connect()`/`disconnect()` do. */
export type ConnectionMode = 'auto' | 'manual'

/** Whether the app is visible to the user. */
export type AppStateValue = 'foreground' | 'background'

/**
 * A logged-in user: plain data (the `CometChat` facade gives CometChat's `User`, with `getUid()` and
 * `getName()`, instead).
 */
export interface User {
  /** Unique id inside the app. */
  readonly uid: string
  /** Display name. */
  readonly name: string
}

/**
 * A text message delivered by the server: plain data (the `CometChat` facade gives CometChat's
 * `TextMessage`, with its getters, instead).
 */
export interface TextMessage {
  /** Server-assigned id. */
  readonly id: string
  /** Sender uid. */
  readonly sender: string
  /** Receiver uid. */
  readonly receiver: string
  /** The text. */
  readonly text: string
  /** Server time the message was stored, epoch ms. */
  readonly sentAt: number
  /** True when it arrived in a resume's replay (it was sent while this client was away), not live. */
  readonly replayed?: boolean
}

/** What {@link ConnectionListener.onResumed} receives. */
export interface ResumeInfo {
  /** How many missed messages the server replays (they follow, in order, before live ones). */
  readonly replayed: number
}

/** What {@link ConnectionListener.onContinuityLost} receives. */
export interface ContinuityLostInfo {
  /**
   * Why the missed messages cannot be replayed: `epoch` (the server lost its history, e.g. it
   * restarted), `window` (more was missed than the server keeps), `position` (the saved position is
   * not one the server knows).
   */
  readonly reason: ResetReason
  /** The last message delivered before the gap: fetch what came after it with `fetchMessages(engine, { after })`. */
  readonly lastDeliveredMessageId: string | null
}

/** Optional success/error callbacks; every method that takes them also returns a promise with the same outcome (I5). */
export interface Callbacks<T = void> {
  /** Called once, when the operation succeeds. */
  onSuccess?(value: T): void
  /** Called once, when the operation fails. */
  onError?(error: CometChatException): void
}

/** CometChat's connection listener. Every method is optional. */
export interface ConnectionListener {
  /** The engine started a connection attempt (status `connecting`). */
  inConnecting?(): void
  /** The socket is open and authenticated (status `connected`). */
  onConnected?(): void
  /** The socket closed (status `disconnected`). */
  onDisconnected?(): void
  /** The server throttled a feature. */
  onFeatureThrottled?(): void
  /** Something went wrong with the connection; `error.code` says what. */
  onConnectionError?(error: CometChatException): void
  /**
   * A (re)connection resumed the message stream: the messages missed while away follow, in order,
   * before live ones (after `onConnected`).
   */
  onResumed?(info: ResumeInfo): void
  /**
   * A (re)connection could not resume the message stream: messages sent meanwhile are not replayed.
   * Catch up with `fetchMessages(engine, { after: info.lastDeliveredMessageId })` (after `onConnected`).
   */
  onContinuityLost?(info: ContinuityLostInfo): void
}

/** CometChat's message listener (the subset this library delivers). */
export interface MessageListener {
  /**
   * A text message arrived for the logged-in user: exactly once and in order, live or replayed after a
   * reconnect (`message.replayed`).
   */
  onTextMessageReceived?(message: TextMessage): void
}

/** CometChat's user (presence) listener. */
export interface UserListener {
  /** A user came online. */
  onUserOnline?(user: PresenceUser): void
  /** A user went offline. */
  onUserOffline?(user: PresenceUser): void
}

/** A user as seen through presence. */
export interface PresenceUser {
  readonly uid: string
  readonly name: string
  readonly status: 'online' | 'offline'
  /** Server time of the change, epoch ms. */
  readonly lastActiveAt: number
}

/** Where the app state comes from (browser visibility, React Native `AppState`, or your own). */
export interface AppStateSource {
  /** The state now. */
  current(): AppStateValue
  /** Calls `cb` on every change; returns the unsubscribe function. */
  subscribe(cb: (state: AppStateValue) => void): () => void
}

/** Where the network state comes from (`navigator.onLine`, React Native NetInfo, or your own). */
export interface NetworkSource {
  /** Whether the device is online now. */
  isOnline(): boolean
  /** Calls `cb` on every change; returns the unsubscribe function. */
  subscribe(cb: (online: boolean) => void): () => void
}

/** `localStorage`-shaped storage; each method may return a value or a promise (AsyncStorage). */
export interface SessionStorageLike {
  getItem(key: string): string | null | Promise<string | null>
  setItem(key: string, value: string): void | Promise<void>
  removeItem(key: string): void | Promise<void>
}

/**
 * A handler slot that also accepts handlers written for richer event types (the browser's `MessageEvent`,
 * `ws`'s events): the method-signature form keeps TypeScript's parameter bivariance for it.
 */
export type EventHandlerSlot<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null

/** The subset of a browser `WebSocket` instance the engine uses (the `ws` package's WebSocket fits). */
export interface WebSocketLike {
  readonly readyState: number
  onopen: EventHandlerSlot<unknown>
  onmessage: EventHandlerSlot<{ data: unknown }>
  onerror: EventHandlerSlot<unknown>
  onclose: EventHandlerSlot<{ code: number; reason: string }>
  send(data: string): void
  close(code?: number, reason?: string): void
}

/** A WebSocket constructor: `globalThis.WebSocket`, or `ws`'s `WebSocket` in Node. */
export type WebSocketConstructorLike = new (url: string, protocols?: string | string[]) => WebSocketLike

/** Time, for the engine's deadlines. Inject a fake one in tests. */
export interface Clock {
  /** Wall-clock time in epoch ms. */
  now(): number
  /** Like `setTimeout`; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(cb: () => void, ms: number): unknown
  /** Like `clearTimeout`. */
  clearTimeout(handle: unknown): void
}

/** What the engine needs from the world. Every field is optional and has a default. */
export interface PlatformOptions {
  /** Default: `globalThis.WebSocket` (Node 20 has none: pass `ws`'s). */
  WebSocket?: WebSocketConstructorLike
  /** Default: browser visibility + page lifecycle, else always foreground. */
  appState?: AppStateSource
  /** Default: `navigator.onLine` + `online`/`offline` events, else always online. */
  network?: NetworkSource
  /**
   * Default: `localStorage` where usable, else the engine's own memory, which keeps stream positions
   * (a user who logs in again resumes) and no session (nothing else could read it).
   */
  storage?: SessionStorageLike
  /** Default: `globalThis.fetch` (used by login/logout). */
  fetch?: typeof fetch
  /** Default: the real clock (`Date.now`, `setTimeout`). */
  clock?: Clock
  /** Default: `Math.random` (used for backoff jitter). */
  random?: () => number
}

/** Options of {@link createConnectionEngine}. */
export interface ConnectionEngineOptions {
  /** Your app id; must be a non-empty string. */
  appId: string
  /** Built with `AppSettingsBuilder`; default: auto mode, default timeouts. */
  settings?: AppSettings
  /** Platform ports; every one has a default. */
  platform?: PlatformOptions
}

/** One transition of the state machine, for debugging and the playground's drawing. */
export interface TransitionRecord {
  /** The event type that caused it. */
  readonly event: string
  /** Status before. */
  readonly from: ConnectionStatus
  /** Status after. */
  readonly to: ConnectionStatus
  /** When, epoch ms. */
  readonly at: number
}

/** The fields of {@link ConnectionSnapshot} that do not depend on its status. */
export interface SnapshotFields {
  readonly mode: ConnectionMode
  readonly appState: AppStateValue
  readonly online: boolean
  /**
   * The last failure: an error reported to `onConnectionError`, or a failed `login()`, `connect()`,
   * `ping()` or send (cancellations excepted). Cleared when a connection succeeds or a login starts.
   */
  readonly lastError: CometChatException | null
  /** Epoch ms when a manual-mode background disconnect is due, or null. */
  readonly backgroundDeadline: number | null
  /** Failed attempts since the last stable connection (0 when none). */
  readonly reconnectAttempt: number
  /** Epoch ms of the next automatic retry, or null when none is scheduled. */
  readonly nextRetryAt: number | null
  /** Whether `disconnect()` suspended automatic connection (auto mode) or `connect()` is in force (manual). */
  readonly intent: 'connect' | 'idle'
  /** The last machine transition, or null before the first. */
  readonly lastTransition: TransitionRecord | null
  /** A `login()` is in flight. */
  readonly loggingIn: boolean
  /** Sends waiting for a connection or an acknowledgement. */
  readonly pendingSends: number
  /**
   * The outcome of the last resume: `{ resumed: true, replayed }`, or `{ resumed: false, reason }` when
   * continuity was lost; null before the first (re)connection that resumed.
   */
  readonly recovery: Recovery | null
  /** Users online, as of the last connection (needs `subscribePresenceForAllUsers()`). */
  readonly onlineUsers: readonly PresenceUser[]
}

/**
 * An immutable picture of the engine. A new object only when something in it changed. Narrowed by
 * `status`: while `connecting` or `connected`, `user` is the logged-in user.
 *
 * @example
 * ```ts
 * const snap = engine.getSnapshot()
 * if (snap.status === 'connected') console.log(snap.user.name) // no null check needed
 * ```
 */
export type ConnectionSnapshot =
  | (SnapshotFields & { readonly status: 'connecting' | 'connected'; readonly user: User })
  | (SnapshotFields & { readonly status: 'disconnected'; readonly user: User | null })

/** One page of the user's message history: what `fetchMessages()` resolves with. */
export interface MessagesPage {
  /** Messages received by the user, oldest first. */
  readonly messages: readonly TextMessage[]
  /** More messages follow the last one: fetch again with its id as `after`. */
  readonly hasMore: boolean
  /** `after` is no longer kept by the server: the page starts at the oldest message it keeps. */
  readonly truncated: boolean
}

/** The two ways to log in. */
export type LoginCredentials =
  /** Development login: the user's id and the app's auth key (created on first use). */
  | { readonly uid: string; readonly authKey: string; readonly authToken?: never }
  /** Production login: an auth token your backend created for the user. */
  | { readonly authToken: string; readonly uid?: never; readonly authKey?: never }

/** The connection engine. Create one with {@link createConnectionEngine}. */
export interface ConnectionEngine {
  /** Restores a saved session (auto mode then connects). Resolves `true` once ready. Safe to call twice. */
  init(): Promise<boolean>
  /**
   * Logs in, saves the session, then (auto mode) connects. `login({ uid, authKey })` or
   * `login({ authToken })`; CometChat's positional forms work too: `login(uid, authKey)`, `login(authToken)`.
   * A failure also lands in the snapshot's `lastError`.
   */
  login(credentials: LoginCredentials, callbacks?: Callbacks<User>): Promise<User>
  /** CometChat's form: `login(uid, authKey)` (development) or `login(authToken)`. */
  login(uidOrAuthToken: string, authKey?: string, callbacks?: Callbacks<User>): Promise<User>
  /** Closes the socket, clears the session, stops every timer and platform subscription. */
  logout(callbacks?: Callbacks): Promise<void>
  /** The logged-in user, or null. */
  getLoggedInUser(): Promise<User | null>
  /** Opens the socket now (see SPEC B9–B13). Resolves once `connected`. */
  connect(callbacks?: Callbacks): Promise<void>
  /** Closes the socket and suspends automatic connection until `connect()` or a new login. */
  disconnect(callbacks?: Callbacks): Promise<void>
  /** Manual mode: sends a ping, resolves on the pong, and pushes the background deadline. */
  ping(callbacks?: Callbacks): Promise<void>
  /** The status now. */
  getConnectionStatus(): ConnectionStatus
  /**
   * Adds (or replaces, in its place) the listener with this id; returns the function that removes it.
   * Listeners of a kind are called in the order their ids were first added; one added or removed while
   * they are being called counts from the next call.
   */
  addConnectionListener(id: string, listener: ConnectionListener): () => void
  /** Removes the listener with this id (no-op when there is none). */
  removeConnectionListener(id: string): void
  /** Adds (or replaces) a message listener; returns the function that removes it. */
  addMessageListener(id: string, listener: MessageListener): () => void
  /** Removes a message listener. */
  removeMessageListener(id: string): void
  /** Adds (or replaces) a user (presence) listener; returns the function that removes it. */
  addUserListener(id: string, listener: UserListener): () => void
  /** Removes a user listener. */
  removeUserListener(id: string): void
  /**
   * Sends a text message; resolves with the stored message, once. While the engine is connecting or
   * reconnecting (or offline in the foreground) it waits for the connection, and a send the socket took
   * without answering is sent again, with the same id (stored once), until `sendTimeout` (30 s). It
   * fails at once when no connection is coming: logged out (`ERR_NOT_LOGGED_IN`), after `disconnect()`
   * or in manual mode before `connect()` (`ERR_NOT_CONNECTED`), auto mode in the background
   * (`ERR_APP_IN_BACKGROUND`).
   */
  sendMessage(receiverUid: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage>
  /** The id of the last message delivered to the message listeners (kept across reloads), or null. */
  getLastDeliveredMessageId(): string | null
  /** The logged-in user's auth token (what the socket and `fetchMessages()` authenticate with), or null. */
  getUserAuthToken(): string | null
  /** The settings the engine was created with. */
  readonly settings: AppSettings
  /** The current immutable snapshot. */
  getSnapshot(): ConnectionSnapshot
  /** Calls `onChange` after every snapshot change; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  /** Closes the socket, removes every listener, timer and subscription. Further calls reject `ERR_ENGINE_DESTROYED`. */
  destroy(): void
}
