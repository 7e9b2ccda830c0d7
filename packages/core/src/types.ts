import type { CometChatException } from './errors.js'
import type { AppSettings } from './settings.js'

/** CometChat's connection status values (`getConnectionStatus()`). */
export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected'

/** `auto`: the engine opens and closes the socket itself. `manual`: only `connect()`/`disconnect()` do. */
export type ConnectionMode = 'auto' | 'manual'

/** Whether the app is visible to the user. */
export type AppStateValue = 'foreground' | 'background'

/** A logged-in user. A plain object; the getters mirror CometChat's `User`. */
export interface User {
  /** Unique id inside the app. */
  readonly uid: string
  /** Display name. */
  readonly name: string
  /** CometChat compatibility: the uid. */
  getUid(): string
  /** CometChat compatibility: the name. */
  getName(): string
}

/** A text message delivered by the server. */
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
  /** CometChat compatibility: the text. */
  getText(): string
  /** CometChat compatibility: the sender uid. */
  getSender(): string
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
}

/** CometChat's message listener (the subset this library delivers). */
export interface MessageListener {
  /** A text message arrived for the logged-in user. */
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
  /** Default: `localStorage` where usable, else memory. */
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

/** An immutable picture of the engine. A new object only when something in it changed. */
export interface ConnectionSnapshot {
  readonly status: ConnectionStatus
  readonly mode: ConnectionMode
  readonly appState: AppStateValue
  readonly online: boolean
  readonly user: User | null
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
}

/** The connection engine. Create one with {@link createConnectionEngine}. */
export interface ConnectionEngine {
  /** Restores a saved session (auto mode then connects). Resolves `true` once ready. Safe to call twice. */
  init(): Promise<boolean>
  /** Logs in with a uid + auth key (development) or an auth token, saves the session, then (auto mode) connects. */
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
  /** Adds (or replaces) the listener with this id. */
  addConnectionListener(id: string, listener: ConnectionListener): void
  /** Removes the listener with this id (no-op when there is none). */
  removeConnectionListener(id: string): void
  /** Adds (or replaces) a message listener. */
  addMessageListener(id: string, listener: MessageListener): void
  /** Removes a message listener. */
  removeMessageListener(id: string): void
  /** Adds (or replaces) a user (presence) listener. */
  addUserListener(id: string, listener: UserListener): void
  /** Removes a user listener. */
  removeUserListener(id: string): void
  /** Sends a text message; resolves with the stored message. Rejects `ERR_NOT_CONNECTED` when not connected. */
  sendMessage(receiverUid: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage>
  /** The current immutable snapshot. */
  getSnapshot(): ConnectionSnapshot
  /** Calls `onChange` after every snapshot change; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  /** Closes the socket, removes every listener, timer and subscription. Further calls reject `ERR_ENGINE_DESTROYED`. */
  destroy(): void
}
