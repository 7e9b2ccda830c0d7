import { withCallbacks } from './callbacks.js'
import { createConnectionEngine } from './engine.js'
import { CometChatException, errorOf, invalidArgument } from './errors.js'
import { type AppSettings, AppSettingsBuilder } from './settings.js'
import type {
  Callbacks,
  ConnectionEngine,
  ConnectionListener as ConnectionListenerShape,
  ConnectionStatus,
  MessageListener as MessageListenerShape,
  PlatformOptions,
  TextMessage,
  User,
  UserListener as UserListenerShape,
} from './types.js'

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

function engine(): ConnectionEngine {
  if (!defaultEngine) throw errorOf('ERR_NOT_INITIALIZED')
  return defaultEngine
}

/** Runs `fn` on the default engine, turning "not initialised" into a rejection (never a throw). */
function onEngine<T>(fn: (e: ConnectionEngine) => Promise<T>, callbacks?: Callbacks<T>): Promise<T> {
  try {
    return fn(engine())
  } catch (error) {
    const e = error instanceof CometChatException ? error : errorOf('ERR_NOT_INITIALIZED')
    return withCallbacks(Promise.reject(e), callbacks)
  }
}

/**
 * The CometChat-compatible static API over one default engine, so code written against CometChat's
 * SDK ports by changing the import.
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
  static readonly MessageListener = listenerClass<MessageListenerShape>()
  /** `new CometChat.UserListener({ onUserOnline(u) {} })`. */
  static readonly UserListener = listenerClass<UserListenerShape>()
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
  static login(uidOrAuthToken: string, authKey?: string, callbacks?: Callbacks<User>): Promise<User> {
    return onEngine((e) => e.login(uidOrAuthToken, authKey, callbacks), callbacks)
  }

  /** Logs out: closes the socket and clears the session. */
  static logout(callbacks?: Callbacks): Promise<void> {
    return onEngine((e) => e.logout(callbacks), callbacks)
  }

  /** The logged-in user or null. */
  static getLoggedInUser(): Promise<User | null> {
    return onEngine((e) => e.getLoggedInUser())
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

  /** Sends a text message to a user. */
  static sendMessage(
    receiverUid: string,
    text: string,
    callbacks?: Callbacks<TextMessage>,
  ): Promise<TextMessage> {
    return onEngine((e) => e.sendMessage(receiverUid, text, callbacks), callbacks)
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

  /** @throws CometChatException `ERR_NOT_INITIALIZED` before `init()`. */
  static addMessageListener(id: string, listener: MessageListenerShape): void {
    engine().addMessageListener(id, listener)
  }

  /** Removes a message listener. */
  static removeMessageListener(id: string): void {
    defaultEngine?.removeMessageListener(id)
  }

  /** @throws CometChatException `ERR_NOT_INITIALIZED` before `init()`. */
  static addUserListener(id: string, listener: UserListenerShape): void {
    engine().addUserListener(id, listener)
  }

  /** Removes a user listener. */
  static removeUserListener(id: string): void {
    defaultEngine?.removeUserListener(id)
  }

  /** Destroys the default engine (tests, hot reload). `init()` creates a new one. */
  static reset(): void {
    defaultEngine?.destroy()
    defaultEngine = null
  }
}
