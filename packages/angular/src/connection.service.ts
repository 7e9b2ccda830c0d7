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
  CometChatException,
  ConnectionEngine,
  ConnectionMode,
  ConnectionSnapshot,
  ConnectionStatus,
  PresenceUser,
  TextMessage,
  User,
} from '@cometchat-connection/core'
import { CometChatException as Exception, SERVER_SNAPSHOT } from '@cometchat-connection/core'
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
 * @example
 * ```ts
 * @Component({ template: `{{ conn.status() }} <button (click)="conn.login('alice', key)">Login</button>` })
 * class Badge { readonly conn = inject(CometChatConnectionService); readonly key = 'demo-auth-key' }
 * ```
 */
// Provided by provideCometChatConnection() next to its engine (no root default: it needs one).
@Injectable()
export class CometChatConnectionService {
  readonly #zone = inject(NgZone)
  readonly #destroyRef = inject(DestroyRef)
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
  /** The last error the engine reported, or null. */
  readonly lastError: Signal<CometChatException | null> = this.#pick('lastError')
  /** Epoch ms when a manual-mode background disconnect is due, or null. */
  readonly backgroundDeadline: Signal<number | null> = this.#pick('backgroundDeadline')
  /** Failed attempts since the last stable connection. */
  readonly reconnectAttempt: Signal<number> = this.#pick('reconnectAttempt')
  /** Epoch ms of the next automatic retry, or null. */
  readonly nextRetryAt: Signal<number | null> = this.#pick('nextRetryAt')

  constructor() {
    const engine = this.#engine
    if (!engine) return
    this.#destroyRef.onDestroy(engine.subscribe(() => this.#state.set(engine.getSnapshot())))
    const errors = inject(ErrorHandler)
    this.#run((e) => e.init()).catch((error: unknown) => errors.handleError(error))
  }

  /** Logs in (uid + auth key, or an auth token); auto mode then connects. */
  login(uidOrAuthToken: string, authKey?: string): Promise<User> {
    return this.#run((e) => e.login(uidOrAuthToken, authKey))
  }

  /** Closes the socket and clears the session. */
  logout(): Promise<void> {
    return this.#run((e) => e.logout())
  }

  /** Opens the socket now; resolves once `connected`. */
  connect(): Promise<void> {
    return this.#run((e) => e.connect())
  }

  /** Closes the socket and suspends automatic connection until `connect()` or a new login. */
  disconnect(): Promise<void> {
    return this.#run((e) => e.disconnect())
  }

  /** Manual mode: pings the server and pushes the background deadline. */
  ping(): Promise<void> {
    return this.#run((e) => e.ping())
  }

  /**
   * Calls `handler` (inside the Angular zone) for every text message received, until the returned
   * function is called or `destroyRef` is destroyed (default: the caller's, so call this in an
   * injection context such as a constructor, or pass one), or this service's injector is.
   */
  onMessage(
    handler: (message: TextMessage) => void,
    destroyRef: DestroyRef = inject(DestroyRef),
  ): () => void {
    const listener = { onTextMessageReceived: this.#inZone(handler) }
    return addEngineListener(this.#engine, 'Message', listener, [destroyRef, this.#destroyRef])
  }

  /** Like {@link CometChatConnectionService.onMessage}, for presence: users going online or offline. */
  onUserPresence(
    handler: (user: PresenceUser) => void,
    destroyRef: DestroyRef = inject(DestroyRef),
  ): () => void {
    const cb = this.#inZone(handler)
    const listener = { onUserOnline: cb, onUserOffline: cb }
    return addEngineListener(this.#engine, 'User', listener, [destroyRef, this.#destroyRef])
  }

  #pick<K extends keyof ConnectionSnapshot>(key: K): Signal<ConnectionSnapshot[K]> {
    return computed(() => this.#state()[key])
  }

  #run<T>(op: (engine: ConnectionEngine) => Promise<T>): Promise<T> {
    const engine = this.#engine
    return engine
      ? this.#zone.runOutsideAngular(() => op(engine))
      : Promise.reject(new Exception('ERR_SERVER_PLATFORM')) // sockets belong in the browser
  }

  #inZone<T>(handler: (value: T) => void): (value: T) => void {
    return (value) => this.#zone.run(() => handler(value))
  }
}
