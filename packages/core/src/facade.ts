import { notInitialized } from './app-errors.js'
import { withCallbacks } from './callbacks.js'
import { CometChatTextMessage, CometChatUser } from './cometchat-models.js'
import { createConnectionEngine } from './engine.js'
import { CometChatException, invalidArgument } from './errors.js'
import { fetchMessages } from './history.js'
import { MAX_HISTORY_LIMIT } from './protocol.js'
import { type AppSettings, AppSettingsBuilder } from './settings.js'
import type {
  Callbacks,
  ConnectionEngine,
  ConnectionListener as ConnectionListenerShape,
  ConnectionStatus,
  PlatformOptions,
  PresenceUser,
} from './types.js'

/** CometChat's message listener, as the facade calls it: messages are {@link CometChatTextMessage}s. */
export interface FacadeMessageListener {
  /** A text message arrived (exactly once, in order; `replayed` after a reconnect). */
  onTextMessageReceived?(message: CometChatTextMessage): void
}

/** CometChat's user listener, as the facade calls it: users are {@link CometChatUser}s with presence getters. */
export interface FacadeUserListener {
  /** A user came online. */
  onUserOnline?(user: CometChatUser): void
  /** A user went offline. */
  onUserOffline?(user: CometChatUser): void
}

/**
 * A class like CometChat's `new CometChat.ConnectionListener({...})`: an instance carries the callbacks
 * it was given. One factory serves the three listener kinds.
 */
function listenerClass<L extends object>(): new (callbacks?: L) => L {
  return class {
    constructor(callbacks?: L) {
      Object.assign(this, callbacks)
    }
  } as new (
    callbacks?: L,
  ) => L
}

let defaultEngine: ConnectionEngine | null = null
let defaultFetch: typeof fetch | undefined

function engine(): ConnectionEngine {
  if (!defaultEngine) throw notInitialized()
  return defaultEngine
}

/** Runs `fn` on the default engine, turning "not initialised" into a rejection (never a throw). */
function onEngine<T>(fn: (e: ConnectionEngine) => Promise<T>, callbacks?: Callbacks<T>): Promise<T> {
  try {
    return fn(engine())
  } catch (error) {
    const e = error instanceof CometChatException ? error : notInitialized()
    return withCallbacks(Promise.reject(e), callbacks)
  }
}

const asUser = (user: { uid: string; name: string } | PresenceUser) => new CometChatUser(user)

/**
 * CometChat's `MessagesRequest`: pages through the logged-in user's received messages after a message
 * id, backed by the server's history endpoint. Build it with {@link MessagesRequestBuilder}.
 */
export class MessagesRequest {
  #after: string | null
  readonly #limit: number

  /** @internal use {@link MessagesRequestBuilder} */
  constructor(after: string | null, limit: number) {
    this.#after = after
    this.#limit = limit
  }

  /**
   * The next page: up to `limit` messages after the last one fetched (the first call: after the
   * builder's message id), oldest first. An empty array once there are no more.
   */
  async fetchNext(): Promise<CometChatTextMessage[]> {
    const page = await fetchMessages(engine(), {
      after: this.#after,
      limit: this.#limit,
      ...(defaultFetch && { fetch: defaultFetch }),
    })
    this.#after = page.messages.at(-1)?.id ?? this.#after
    return page.messages.map((m) => new CometChatTextMessage(m))
  }
}

/**
 * CometChat's `MessagesRequestBuilder`, for catching up: `setMessageId(id)` (fetch what came after it:
 * `CometChat.getLastDeliveredMessageId()` after `onContinuityLost`), `setLimit(n)`, `build().fetchNext()`.
 *
 * @example
 * ```ts
 * const request = new CometChat.MessagesRequestBuilder()
 *   .setMessageId(CometChat.getLastDeliveredMessageId())
 *   .setLimit(50)
 *   .build()
 * for (let page = await request.fetchNext(); page.length; page = await request.fetchNext()) show(page)
 * ```
 */
export class MessagesRequestBuilder {
  #after: string | null = null
  #limit = 30

  /** Fetch the messages after this id (null or unset: from the oldest the server keeps). */
  setMessageId(id: string | null): this {
    if (id !== null && (typeof id !== 'string' || !id))
      throw invalidArgument('message id', 'a message id or null', id)
    this.#after = id
    return this
  }

  /** Messages per page, 1 to 100 (default 30, as CometChat's). */
  setLimit(limit: number): this {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT)
      throw invalidArgument('limit', `an integer from 1 to ${MAX_HISTORY_LIMIT}`, limit)
    this.#limit = limit
    return this
  }

  /** The request. */
  build(): MessagesRequest {
    return new MessagesRequest(this.#after, this.#limit)
  }
}

/**
 * The CometChat-compatible static API over one default engine, so code written against CometChat's
 * SDK ports by changing the import. Users and messages come as CometChat's classes, with their getters.
 *
 * @example
 * ```ts
 * import { CometChat } from '@cometchat-connection/core'
 *
 * const settings = new CometChat.AppSettingsBuilder().setRegion('us').autoEstablishSocketConnection(false).build()
 * await CometChat.init('demo-app', settings)
 * await CometChat.login('alice', 'demo-auth-key')
 * CometChat.connect({ onSuccess: () => console.log('connected'), onError: (e) => console.log(e.code) })
 * ```
 */
export class CometChat {
  /** Builder of {@link AppSettings}. */
  static readonly AppSettingsBuilder = AppSettingsBuilder
  /** `new CometChat.ConnectionListener({ onConnected() {} })`. */
  static readonly ConnectionListener = listenerClass<ConnectionListenerShape>()
  /** `new CometChat.MessageListener({ onTextMessageReceived(m) {} })`. */
  static readonly MessageListener = listenerClass<FacadeMessageListener>()
  /** `new CometChat.UserListener({ onUserOnline(u) {} })`. */
  static readonly UserListener = listenerClass<FacadeUserListener>()
  /** CometChat's `User` class. */
  static readonly User = CometChatUser
  /** CometChat's `TextMessage` class: `new CometChat.TextMessage(receiverId, text, 'user')`. */
  static readonly TextMessage = CometChatTextMessage
  /** The error class: `error instanceof CometChat.CometChatException`. */
  static readonly CometChatException = CometChatException
  /** CometChat's history request builder (catch-up after `onContinuityLost`). */
  static readonly MessagesRequestBuilder = MessagesRequestBuilder
  /** CometChat's receiver types (this library sends to users). */
  static readonly RECEIVER_TYPE = Object.freeze({ USER: 'user' } as const)
  /** CometChat's connection status constants. */
  static readonly WS_CONNECTION_STATUS = Object.freeze({
    CONNECTED: 'connected',
    CONNECTING: 'connecting',
    DISCONNECTED: 'disconnected',
  } as const)

  /**
   * Creates the default engine (destroying a previous one) and restores a saved session.
   * `platform` is this library's addition (Node: pass `{ WebSocket }` from `ws`).
   */
  static init(appId: string, appSettings?: AppSettings, platform?: PlatformOptions): Promise<boolean> {
    try {
      if (typeof appId !== 'string' || appId.trim() === '')
        throw invalidArgument('appId', 'a non-empty string', appId)
      const next = createConnectionEngine({
        appId,
        ...(appSettings ? { settings: appSettings } : {}),
        ...(platform ? { platform } : {}),
      })
      defaultEngine?.destroy()
      defaultEngine = next
      defaultFetch = platform?.fetch
      return next.init()
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /** The engine behind the facade (for adapters: `useCometChatConnection` can bind to it). */
  static getEngine(): ConnectionEngine {
    return engine()
  }

  /** Logs in with a uid + auth key, or an auth token. */
  static login(
    uidOrAuthToken: string,
    authKey?: string,
    callbacks?: Callbacks<CometChatUser>,
  ): Promise<CometChatUser> {
    return onEngine((e) => withCallbacks(e.login(uidOrAuthToken, authKey).then(asUser), callbacks), callbacks)
  }

  /** Logs out: closes the socket and clears the session. */
  static logout(callbacks?: Callbacks): Promise<void> {
    return onEngine((e) => e.logout(callbacks), callbacks)
  }

  /** The logged-in user or null. */
  static getLoggedInUser(): Promise<CometChatUser | null> {
    return onEngine((e) => e.getLoggedInUser().then((u) => u && asUser(u)))
  }

  /** CometChat's spelling of {@link getLoggedInUser}. */
  static getLoggedinUser(): Promise<CometChatUser | null> {
    return CometChat.getLoggedInUser()
  }

  /** The logged-in user's auth token, or null (before `init()` too). */
  static getUserAuthToken(): string | null {
    return defaultEngine?.getUserAuthToken() ?? null
  }

  /** The id of the last message delivered to the message listeners (kept across reloads), or null. */
  static getLastDeliveredMessageId(): string | null {
    return defaultEngine?.getLastDeliveredMessageId() ?? null
  }

  /** Opens the socket (manual mode; in auto mode lifts a `disconnect()`). */
  static connect(callbacks?: Callbacks): Promise<void> {
    return onEngine((e) => e.connect(callbacks), callbacks)
  }

  /** Closes the socket and suspends automatic connection. */
  static disconnect(callbacks?: Callbacks): Promise<void> {
    return onEngine((e) => e.disconnect(callbacks), callbacks)
  }

  /** Manual mode keep-alive in the background. */
  static ping(callbacks?: Callbacks): Promise<void> {
    return onEngine((e) => e.ping(callbacks), callbacks)
  }

  /**
   * Sends a text message: CometChat's `sendMessage(new CometChat.TextMessage(receiverId, text, 'user'))`,
   * or `sendMessage(receiverId, text)`. Waits for a coming connection (see the engine's `sendMessage`).
   */
  static sendMessage(
    message: CometChatTextMessage | string,
    text?: string | Callbacks<CometChatTextMessage>,
    callbacks?: Callbacks<CometChatTextMessage>,
  ): Promise<CometChatTextMessage> {
    const [receiver, body, cbs] =
      message instanceof CometChatTextMessage
        ? [message.receiver, message.text, text as Callbacks<CometChatTextMessage> | undefined]
        : [message, text as string, callbacks]
    return onEngine(
      (e) =>
        withCallbacks(
          e.sendMessage(receiver, body).then((m) => new CometChatTextMessage(m)),
          cbs,
        ),
      cbs,
    )
  }

  /** `'disconnected'` before `init()`. */
  static getConnectionStatus(): ConnectionStatus {
    return defaultEngine?.getConnectionStatus() ?? 'disconnected'
  }

  /** @throws CometChatException `ERR_NOT_INITIALIZED` before `init()`. */
  static addConnectionListener(id: string, listener: ConnectionListenerShape): void {
    engine().addConnectionListener(id, listener)
  }

  /** Removes a connection listener. */
  static removeConnectionListener(id: string): void {
    defaultEngine?.removeConnectionListener(id)
  }

  /** @throws CometChatException `ERR_NOT_INITIALIZED` before `init()`. Messages arrive as {@link CometChatTextMessage}s. */
  static addMessageListener(id: string, listener: FacadeMessageListener): void {
    if (typeof listener !== 'object' || !listener)
      throw invalidArgument('message listener', 'an object of callbacks', listener)
    engine().addMessageListener(id, {
      onTextMessageReceived: (m) => listener.onTextMessageReceived?.(new CometChatTextMessage(m)),
    })
  }

  /** Removes a message listener. */
  static removeMessageListener(id: string): void {
    defaultEngine?.removeMessageListener(id)
  }

  /** @throws CometChatException `ERR_NOT_INITIALIZED` before `init()`. Users arrive as {@link CometChatUser}s. */
  static addUserListener(id: string, listener: FacadeUserListener): void {
    if (typeof listener !== 'object' || !listener)
      throw invalidArgument('user listener', 'an object of callbacks', listener)
    engine().addUserListener(id, {
      onUserOnline: (u) => listener.onUserOnline?.(asUser(u)),
      onUserOffline: (u) => listener.onUserOffline?.(asUser(u)),
    })
  }

  /** Removes a user listener. */
  static removeUserListener(id: string): void {
    defaultEngine?.removeUserListener(id)
  }

  /** Destroys the default engine (tests, hot reload). `init()` creates a new one. */
  static reset(): void {
    defaultEngine?.destroy()
    defaultEngine = null
    defaultFetch = undefined
  }
}

/** CometChat's types under `CometChat.` as in its SDK: `CometChat.User`, `CometChat.TextMessage`, … */
export declare namespace CometChat {
  /** CometChat's `User`. */
  type User = CometChatUser
  /** CometChat's `TextMessage`. */
  type TextMessage = CometChatTextMessage
  /** The error class. */
  type CometChatException = import('./errors.js').CometChatException
}
