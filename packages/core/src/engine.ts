import { withCallbacks } from './callbacks.js'
import { CometChatException, ErrorCodes, errorOf, invalidArgument } from './errors.js'
import { ListenerRegistry } from './listener-registry.js'
import { nextDeadline } from './machine/deadlines.js'
import type { Effect } from './machine/effects.js'
import type { MachineEvent } from './machine/events.js'
import { initialState, type MachineState } from './machine/state.js'
import { transition } from './machine/transition.js'
import { toPresenceUser, toTextMessage } from './models.js'
import { loginOverHttp, logoutOverHttp } from './ports/auth.js'
import { browserAppState } from './ports/browser-app-state.js'
import { browserNetwork } from './ports/browser-network.js'
import { realClock } from './ports/clock.js'
import { SocketPort } from './ports/socket.js'
import { defaultStorage } from './ports/storage.js'
import { SessionStore } from './session-store.js'
import { DEFAULT_SETTINGS } from './settings.js'
import { SnapshotBuilder } from './snapshot.js'
import type {
  AppStateSource,
  Callbacks,
  Clock,
  ConnectionEngine,
  ConnectionEngineOptions,
  ConnectionListener,
  ConnectionSnapshot,
  ConnectionStatus,
  MessageListener,
  NetworkSource,
  TextMessage,
  User,
  UserListener,
} from './types.js'

type Settler = { resolve(value: unknown): void; reject(error: CometChatException): void }

/**
 * Creates a connection engine: the imperative shell around the pure state machine. It feeds platform
 * events in and performs the machine's effects through the ports.
 *
 * @example
 * ```ts
 * import { createConnectionEngine, AppSettingsBuilder } from '@cometchat-connection/core'
 *
 * const engine = createConnectionEngine({
 *   appId: 'demo-app',
 *   settings: new AppSettingsBuilder().setServerUrl('http://localhost:4455').build(),
 * })
 * engine.addConnectionListener('ui', { onConnected: () => console.log('connected') })
 * await engine.init()
 * await engine.login('alice', 'demo-auth-key') // auto mode: the socket opens by itself
 * ```
 * @throws CometChatException `ERR_INVALID_ARGUMENT` when `appId` is empty or the options are malformed.
 */
export function createConnectionEngine(options: ConnectionEngineOptions): ConnectionEngine {
  return new Engine(options)
}

class Engine implements ConnectionEngine {
  private state: MachineState
  private readonly appId: string
  private readonly clock: Clock
  private readonly random: () => number
  private readonly appStateSource: AppStateSource
  private readonly networkSource: NetworkSource
  private readonly sessions: SessionStore
  private readonly fetchFn: typeof fetch | undefined
  private readonly sockets: SocketPort
  private readonly connectionListeners = new ListenerRegistry<ConnectionListener>('connection')
  private readonly messageListeners = new ListenerRegistry<MessageListener>('message')
  private readonly userListeners = new ListenerRegistry<UserListener>('user')
  private readonly subscribers = new Set<() => void>()
  private readonly settlers = new Map<number, Settler>()
  private readonly snapshots = new SnapshotBuilder()
  private nextReq = 1
  private timer: { handle: unknown; at: number } | null = null
  private platformUnsubscribers: Array<() => void> | null = null
  private initPromise: Promise<boolean> | null = null
  private initialized = false
  private authChain: Promise<unknown> = Promise.resolve()
  private queue: MachineEvent[] = []
  private dispatching = false

  constructor(options: ConnectionEngineOptions) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('options', 'an object like { appId, settings?, platform? }', options)
    }
    const { appId, settings = DEFAULT_SETTINGS, platform = {} } = options
    if (typeof appId !== 'string' || appId.trim() === '')
      throw invalidArgument('appId', 'a non-empty string', appId)
    if (typeof settings !== 'object' || settings === null || typeof settings.backgroundTimeout !== 'number') {
      throw invalidArgument(
        'settings',
        'an AppSettings object from new AppSettingsBuilder().build()',
        settings,
      )
    }
    this.appId = appId
    this.clock = platform.clock ?? realClock()
    this.random = platform.random ?? Math.random
    this.appStateSource = platform.appState ?? browserAppState()
    this.networkSource = platform.network ?? browserNetwork()
    this.sessions = new SessionStore(platform.storage ?? defaultStorage(), appId)
    this.fetchFn =
      platform.fetch ??
      (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined)
    this.sockets = new SocketPort(platform.WebSocket, settings.serverUrl, appId, (event) =>
      this.dispatch(event),
    )
    this.state = initialState(settings, this.appStateSource.current(), this.networkSource.isOnline())
    this.snapshots.update(this.state, null)
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  init(): Promise<boolean> {
    if (this.state.destroyed) return Promise.reject(errorOf(ErrorCodes.ENGINE_DESTROYED))
    this.initPromise ??= (async () => {
      let session = null
      try {
        session = await this.sessions.load()
      } catch (cause) {
        throw errorOf(ErrorCodes.STORAGE_ERROR, '(reading the saved session)', { cause })
      }
      if (session) this.attachPlatform()
      this.dispatch({ type: 'restore', session })
      this.initialized = true
      return true
    })()
    return this.initPromise
  }

  login(uidOrAuthToken: string, authKey?: string, callbacks?: Callbacks<User>): Promise<User> {
    const run = async (): Promise<User> => {
      if (typeof uidOrAuthToken !== 'string' || uidOrAuthToken.trim() === '') {
        throw invalidArgument('uid or auth token', 'a non-empty string', uidOrAuthToken)
      }
      if (authKey !== undefined && (typeof authKey !== 'string' || authKey === '')) {
        throw invalidArgument(
          'auth key',
          'a non-empty string (or nothing, to log in with an auth token)',
          authKey,
        )
      }
      await this.ready()
      const fetchFn = this.requireFetch()
      const credentials =
        authKey === undefined ? { authToken: uidOrAuthToken } : { uid: uidOrAuthToken, authKey }
      const session = await loginOverHttp(fetchFn, this.state.settings.serverUrl, this.appId, credentials)
      this.assertAlive()
      try {
        await this.sessions.save(session) // B1: saved first, then the socket
      } catch (cause) {
        throw errorOf(ErrorCodes.STORAGE_ERROR, '(saving the session)', { cause })
      }
      this.assertAlive()
      this.attachPlatform()
      this.dispatch({ type: 'login', session })
      return this.getSnapshot().user!
    }
    return withCallbacks(this.serialise(run), callbacks)
  }

  logout(callbacks?: Callbacks): Promise<void> {
    const run = async (): Promise<void> => {
      await this.ready()
      const session = this.state.session
      this.dispatch({ type: 'logout' })
      try {
        await this.sessions.clear()
      } catch (cause) {
        throw errorOf(ErrorCodes.STORAGE_ERROR, '(removing the saved session)', { cause })
      }
      // Revoking the token is best effort: being offline must not keep a user logged in.
      if (session && this.fetchFn) {
        logoutOverHttp(this.fetchFn, this.state.settings.serverUrl, this.appId, session.authToken).catch(
          () => {},
        )
      }
    }
    return withCallbacks(this.serialise(run), callbacks)
  }

  async getLoggedInUser(): Promise<User | null> {
    await this.ready()
    return this.getSnapshot().user
  }

  destroy(): void {
    if (this.state.destroyed) return
    this.dispatch({ type: 'destroy' })
    this.detachPlatform()
    this.connectionListeners.clear()
    this.messageListeners.clear()
    this.userListeners.clear()
    this.subscribers.clear()
  }

  // ── connection ───────────────────────────────────────────────────────────

  connect(callbacks?: Callbacks): Promise<void> {
    return withCallbacks(
      this.request((req) => ({ type: 'connect', req })),
      callbacks,
    )
  }

  disconnect(callbacks?: Callbacks): Promise<void> {
    return withCallbacks(
      this.request((req) => ({ type: 'disconnect', req })),
      callbacks,
    )
  }

  ping(callbacks?: Callbacks): Promise<void> {
    return withCallbacks(
      this.request((req) => ({ type: 'ping', req })),
      callbacks,
    )
  }

  sendMessage(receiverUid: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage> {
    const invalid =
      typeof receiverUid !== 'string' || receiverUid === ''
        ? invalidArgument('receiver uid', 'a non-empty string', receiverUid)
        : typeof text !== 'string' || text.trim() === ''
          ? invalidArgument('message text', 'a non-empty string', text)
          : null
    const p = invalid
      ? Promise.reject(invalid)
      : this.request<TextMessage>((req) => ({ type: 'send', req, receiver: receiverUid, text }))
    return withCallbacks(p, callbacks)
  }

  getConnectionStatus(): ConnectionStatus {
    return this.state.status
  }

  // ── listeners and snapshots ──────────────────────────────────────────────

  addConnectionListener(id: string, listener: ConnectionListener): void {
    this.assertAlive()
    this.connectionListeners.add(id, listener)
  }

  removeConnectionListener(id: string): void {
    this.connectionListeners.remove(id)
  }

  addMessageListener(id: string, listener: MessageListener): void {
    this.assertAlive()
    this.messageListeners.add(id, listener)
  }

  removeMessageListener(id: string): void {
    this.messageListeners.remove(id)
  }

  addUserListener(id: string, listener: UserListener): void {
    this.assertAlive()
    this.userListeners.add(id, listener)
  }

  removeUserListener(id: string): void {
    this.userListeners.remove(id)
  }

  getSnapshot(): ConnectionSnapshot {
    return this.snapshots.current
  }

  subscribe = (onChange: () => void): (() => void) => {
    if (typeof onChange !== 'function') throw invalidArgument('subscribe callback', 'a function', onChange)
    if (this.state.destroyed) return () => {}
    const entry = () => onChange()
    this.subscribers.add(entry)
    return () => {
      this.subscribers.delete(entry)
    }
  }

  // ── the shell ────────────────────────────────────────────────────────────

  private ready(): Promise<boolean> {
    return this.initPromise ?? this.init()
  }

  private assertAlive(): void {
    if (this.state.destroyed) throw errorOf(ErrorCodes.ENGINE_DESTROYED)
  }

  private requireFetch(): typeof fetch {
    if (!this.fetchFn) {
      throw new CometChatException(
        ErrorCodes.INVALID_ARGUMENT,
        'No fetch implementation: pass platform.fetch to createConnectionEngine().',
      )
    }
    return this.fetchFn
  }

  /** Logins and logouts run one at a time, in call order. */
  private serialise<T>(run: () => Promise<T>): Promise<T> {
    const result = this.authChain.then(() => {
      this.assertAlive()
      return run()
    })
    this.authChain = result.catch(() => {})
    return result
  }

  /** Sends a request event into the machine; the promise settles on its resolve/reject effect. */
  private request<T = void>(make: (req: number) => MachineEvent): Promise<T> {
    const send = () =>
      new Promise<T>((resolve, reject) => {
        const req = this.nextReq++
        this.settlers.set(req, { resolve: resolve as (v: unknown) => void, reject })
        this.dispatch(make(req))
      })
    // Once initialised, the event goes in synchronously: `connect()` shows `connecting` at once.
    return this.initialized ? send() : this.ready().then(send)
  }

  /** Feeds one event through the machine. Re-entrant calls (from listeners) are queued, in order. */
  private dispatch(event: MachineEvent): void {
    this.queue.push(event)
    if (this.dispatching) return
    this.dispatching = true
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.step(next)
    } finally {
      this.dispatching = false
    }
  }

  private step(event: MachineEvent): void {
    const before = this.state
    const { state, effects } = transition(before, event, { now: this.clock.now(), random: this.random() })
    this.state = state
    for (const effect of effects) this.perform(effect)
    if (!state.session || state.destroyed) this.detachPlatform()
    this.armTimer()
    if (
      this.snapshots.update(
        state,
        before.status !== state.status
          ? { event: event.type, from: before.status, to: state.status, at: this.clock.now() }
          : undefined,
      )
    ) {
      for (const s of [...this.subscribers]) s()
    }
  }

  private perform(effect: Effect): void {
    switch (effect.type) {
      case 'openSocket':
        return this.sockets.open(effect.id)
      case 'sendFrame':
        return this.sockets.send(effect.id, effect.frame)
      case 'closeSocket':
        return this.sockets.close(effect.id, effect.code, effect.reason)
      case 'status': {
        const method = (
          { connecting: 'inConnecting', connected: 'onConnected', disconnected: 'onDisconnected' } as const
        )[effect.status]
        return this.connectionListeners.each((l) => l[method]?.())
      }
      case 'connectionError':
        return this.connectionListeners.each((l) => l.onConnectionError?.(effect.error))
      case 'throttled':
        return this.connectionListeners.each((l) => l.onFeatureThrottled?.())
      case 'message': {
        const message = toTextMessage(effect.message)
        return this.messageListeners.each((l) => l.onTextMessageReceived?.(message))
      }
      case 'presence': {
        const user = toPresenceUser(effect.frame)
        const online = effect.frame.status === 'online'
        return this.userListeners.each((l) => (online ? l.onUserOnline?.(user) : l.onUserOffline?.(user)))
      }
      case 'resolve':
      case 'reject': {
        const settler = this.settlers.get(effect.req)
        if (!settler) return
        this.settlers.delete(effect.req)
        if (effect.type === 'reject') settler.reject(effect.error)
        else settler.resolve(effect.value === undefined ? undefined : toTextMessage(effect.value))
        return
      }
      case 'clearSession':
        this.sessions.clear().catch(() => {})
        return
    }
  }

  /** One timer, at the machine's earliest deadline; none when nothing is due (I3). */
  private armTimer(): void {
    const at = this.state.destroyed ? null : nextDeadline(this.state)
    if (this.timer && this.timer.at === at) return
    if (this.timer) this.clock.clearTimeout(this.timer.handle)
    this.timer = null
    if (at === null) return
    const handle = this.clock.setTimeout(
      () => {
        this.timer = null
        this.dispatch({ type: 'tick' })
      },
      Math.max(0, at - this.clock.now()),
    )
    this.timer = { handle, at }
  }

  /** App state and network subscriptions exist only while a user is logged in (I3). */
  private attachPlatform(): void {
    if (this.platformUnsubscribers || this.state.destroyed) return
    // The sources may have changed while nobody listened: catch up before subscribing.
    this.dispatch({ type: 'appState', state: this.appStateSource.current() })
    this.dispatch({ type: 'network', online: this.networkSource.isOnline() })
    this.platformUnsubscribers = [
      this.appStateSource.subscribe((state) => this.dispatch({ type: 'appState', state })),
      this.networkSource.subscribe((online) => this.dispatch({ type: 'network', online })),
    ]
  }

  private detachPlatform(): void {
    const unsubscribers = this.platformUnsubscribers
    this.platformUnsubscribers = null
    for (const u of unsubscribers ?? []) u()
  }
}
