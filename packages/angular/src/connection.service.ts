import {
  computed,
  DestroyRef,
  ErrorHandler,
  Injectable,
  inject,
  NgZone,
  PLATFORM_ID,
  type Signal,
  signal,
} from '@angular/core'
import type {
  AppStateValue,
  Callbacks,
  CometChatException,
  ConnectionEngine,
  ConnectionListener,
  ConnectionMode,
  ConnectionSnapshot,
  ConnectionStatus,
  LoginCredentials,
  PresenceUser,
  Recovery,
  TextMessage,
  User,
} from '@cometchat-connection/core'
import { SERVER_SNAPSHOT, serverPlatformError, settleInState } from '@cometchat-connection/core'
import { COMETCHAT_CONNECTION_ENGINE } from './engine-token'
import { addEngineListener } from './listeners'

/**
 * The connection as Angular signals, plus the engine's actions.
 *
 * In the browser it subscribes to the engine of {@link provideCometChatConnection} and calls
 * `engine.init()` once (restoring a saved session; a failure goes to Angular's `ErrorHandler`). Every
 * engine call runs outside the Angular zone, so sockets and timers never keep a zone app unstable; each
 * snapshot change is written to {@link CometChatConnectionService.snapshot}, which schedules change
 * detection in zone and zoneless apps alike. Everything it registered is removed when its injector is
 * destroyed. On the server platform it never touches the engine: the signals keep
 * {@link SERVER_SNAPSHOT} and the actions reject with `ERR_SERVER_PLATFORM`.
 *
 * Call an action from a template without handling its promise: a failure lands in
 * {@link CometChatConnectionService.lastError}, which the template shows (any other failure, such as a
 * bad argument, goes to the `ErrorHandler`). Awaiting one still sees the rejection.
 *
 * @example
 * ```ts
 * @Component({
 *   template: `{{ conn.status() }} {{ conn.lastError()?.message }}
 *     <button (click)="conn.login({ uid: 'alice', authKey: 'demo-auth-key' })">Log in</button>`,
 * })
 * class Badge { readonly conn = inject(CometChatConnectionService) }
 * ```
 */
// Provided by provideCometChatConnection() next to its engine (no root default: it needs one).
@Injectable()
export class CometChatConnectionService {
  readonly #zone = inject(NgZone)
  readonly #destroyRef = inject(DestroyRef)
  readonly #errors = inject(ErrorHandler)
  readonly #engine: ConnectionEngine | null =
    inject(PLATFORM_ID) === 'server' // what isPlatformServer() checks
      ? null
      : inject(COMETCHAT_CONNECTION_ENGINE)
  readonly #state = signal(this.#engine?.getSnapshot() ?? SERVER_SNAPSHOT)

  /** The engine's whole immutable snapshot; a new value only when something changed. */
  // Typed read-only; asReadonly() would add bytes for a guarantee the type already gives.
  readonly snapshot: Signal<ConnectionSnapshot> = this.#state
  /** `disconnected`, `connecting` or `connected`. */
  readonly status: Signal<ConnectionStatus> = this.#pick('status')
  /** `auto` or `manual`. */
  readonly mode: Signal<ConnectionMode> = this.#pick('mode')
  /** `foreground` or `background`. */
  readonly appState: Signal<AppStateValue> = this.#pick('appState')
  /** Whether the network source says online. */
  readonly online: Signal<boolean> = this.#pick('online')
  /** The logged-in user, or null. */
  readonly user: Signal<User | null> = this.#pick('user')
  /** The last failure (a connection error, or a failed login, connect, ping or send), or null. */
  readonly lastError: Signal<CometChatException | null> = this.#pick('lastError')
  /** Epoch ms when a manual-mode background disconnect is due, or null. */
  readonly backgroundDeadline: Signal<number | null> = this.#pick('backgroundDeadline')
  /** Failed attempts since the last stable connection. */
  readonly reconnectAttempt: Signal<number> = this.#pick('reconnectAttempt')
  /** Epoch ms of the next automatic retry, or null. */
  readonly nextRetryAt: Signal<number | null> = this.#pick('nextRetryAt')
  /** A `login()` is in flight. */
  readonly loggingIn: Signal<boolean> = this.#pick('loggingIn')
  /** Sends waiting for a connection or an acknowledgement. */
  readonly pendingSends: Signal<number> = this.#pick('pendingSends')
  /**
   * The outcome of the last resume: `{ resumed: true, replayed }` (the missed messages followed), or
   * `{ resumed: false, reason }` when continuity was lost; null before the first.
   */
  readonly recovery: Signal<Recovery | null> = this.#pick('recovery')
  /** Users online now (needs `subscribePresenceForAllUsers()` in the engine's settings). */
  readonly onlineUsers: Signal<readonly PresenceUser[]> = this.#pick('onlineUsers')

  constructor() {
    const engine = this.#engine
    if (!engine) return
    this.#destroyRef.onDestroy(engine.subscribe(() => this.#state.set(engine.getSnapshot())))
    this.#zone.runOutsideAngular(() => engine.init()).catch((e: unknown) => this.#errors.handleError(e))
  }

  /** Logs in with `{ uid, authKey }` or `{ authToken }`; auto mode then connects. */
  login(credentials: LoginCredentials, callbacks?: Callbacks<User>): Promise<User>
  /** CometChat's form: `login(uid, authKey)` or `login(authToken)`. */
  login(uidOrAuthToken: string, authKey?: string, callbacks?: Callbacks<User>): Promise<User>
  login(...args: [string | LoginCredentials, (string | Callbacks<User>)?, Callbacks<User>?]): Promise<User> {
    return this.#run((e) => (e.login as (...a: typeof args) => Promise<User>)(...args))
  }

  /** Closes the socket and clears the session. */
  logout(callbacks?: Callbacks): Promise<void> {
    return this.#run((e) => e.logout(callbacks))
  }

  /** Opens the socket now; resolves once `connected`. */
  connect(callbacks?: Callbacks): Promise<void> {
    return this.#run((e) => e.connect(callbacks))
  }

  /** Closes the socket and suspends automatic connection until `connect()` or a new login. */
  disconnect(callbacks?: Callbacks): Promise<void> {
    return this.#run((e) => e.disconnect(callbacks))
  }

  /** Manual mode: pings the server and pushes the background deadline. */
  ping(callbacks?: Callbacks): Promise<void> {
    return this.#run((e) => e.ping(callbacks))
  }

  /**
   * Sends a text message; resolves with the stored message. While a connection is coming (connecting,
   * reconnecting) it waits for it; see the engine's `sendMessage`.
   */
  sendMessage(receiverUid: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage> {
    return this.#run((e) => e.sendMessage(receiverUid, text, callbacks))
  }

  /**
   * Calls `handler` (inside the Angular zone) for every text message received, live or replayed after a
   * reconnect (`message.replayed`), exactly once and in order, until the returned function is called or
   * `destroyRef` is destroyed (default: the caller's, so call this in an injection context such as a
   * constructor, or pass one), or this service's injector is.
   */
  onMessage(
    handler: (message: TextMessage) => void,
    destroyRef: DestroyRef = inject(DestroyRef),
  ): () => void {
    return this.#listen('Message', { onTextMessageReceived: handler }, destroyRef)
  }

  /** Like {@link CometChatConnectionService.onMessage}, for presence: users going online or offline. */
  onUserPresence(
    handler: (user: PresenceUser) => void,
    destroyRef: DestroyRef = inject(DestroyRef),
  ): () => void {
    return this.#listen('User', { onUserOnline: handler, onUserOffline: handler }, destroyRef)
  }

  /**
   * Like {@link CometChatConnectionService.onMessage}, for CometChat's `ConnectionListener`
   * (`onConnected`, `onDisconnected`, `onConnectionError`, …) and this library's `onResumed` /
   * `onContinuityLost`: for side effects such as toasts, or fetching what a lost continuity missed. To
   * render the status or the last recovery, read the signals.
   */
  onConnection(listener: ConnectionListener, destroyRef: DestroyRef = inject(DestroyRef)): () => void {
    return this.#listen('Connection', listener, destroyRef)
  }

  #listen(kind: 'Connection' | 'Message' | 'User', listener: object, destroyRef: DestroyRef): () => void {
    // Each handler runs inside the Angular zone: what it changes is seen by change detection.
    const inZone: Record<string, (value: unknown) => void> = {}
    for (const [name, handler] of Object.entries(listener))
      inZone[name] = (value) => this.#zone.run(() => handler(value))
    return addEngineListener(this.#engine, kind, inZone, [destroyRef, this.#destroyRef])
  }

  #pick<K extends keyof ConnectionSnapshot>(key: K): Signal<ConnectionSnapshot[K]> {
    return computed(() => this.#state()[key])
  }

  #run<T>(op: (engine: ConnectionEngine) => Promise<T>): Promise<T> {
    const engine = this.#engine
    return engine
      ? settleInState(
          engine,
          this.#zone.runOutsideAngular(() => op(engine)),
          (e) => this.#errors.handleError(e),
        )
      : Promise.reject(serverPlatformError()) // sockets belong in the browser
  }
}
