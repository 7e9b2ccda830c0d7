import { withCallbacks } from './callbacks.js'
import type { Position } from './delivery/positions.js'
import { CometChatException, errorOf, invalidArgument } from './errors.js'
import { addListener, callListeners, type Listeners, removeListener } from './listener-registry.js'
import { nextDeadline } from './machine/deadlines.js'
import { decodeServerFrame } from './machine/decode-server-frame.js'
import type { Effect, ListenerMaps } from './machine/effects.js'
import type { EventArgs, MachineEvent, Request } from './machine/events.js'
import { fastMessage, foldHot, type Hot } from './machine/fast-path.js'
import { initialState, type MachineState, type Session } from './machine/state.js'
import { quickSend, transition } from './machine/transition.js'
import { noop } from './noop.js'
import { browserAppState } from './ports/browser-app-state.js'
import { browserNetwork } from './ports/browser-network.js'
import { realClock } from './ports/clock.js'
import { type HttpCall, httpJson, urlOf } from './ports/http.js'
import { closeSocket, newSocket, sendOn } from './ports/socket.js'
import { defaultStorage } from './ports/storage.js'
import { socketUrlFor } from './protocol.js'
import { clearSession, loadPosition, loadSession, savePosition, saveSession } from './session-store.js'
import { type AppSettings, DEFAULT_SETTINGS } from './settings.js'
import { sessionOf } from './shapes.js'
import { snapshotOf } from './snapshot.js'
import type {
  AppStateSource,
  AppStateValue,
  Callbacks,
  Clock,
  ConnectionEngine,
  ConnectionEngineOptions,
  ConnectionSnapshot,
  LoginCredentials,
  NetworkSource,
  SessionStorageLike,
  TextMessage,
  TransitionRecord,
  User,
  WebSocketConstructorLike,
  WebSocketLike,
} from './types.js'

/** The default clock and sources: stateless until subscribed, so every engine shares one of each. */
const defaults: { clock?: Clock; appState?: AppStateSource; network?: NetworkSource } = {}

/** The global fetch, looked up per call: one function for every engine, not one bound copy each. */
const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)

/** Waits for a step on the saved session; a storage failure becomes `ERR_STORAGE_ERROR` saying which. */
async function storageStep<T>(what: 'reading' | 'saving' | 'removing', step: Promise<T>): Promise<T> {
  try {
    return await step
  } catch (cause) {
    throw errorOf('ERR_STORAGE_ERROR', `(${what} the session)`, { cause })
  }
}

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
 * await engine.sendMessage('bob', 'hi')         // waits for the connection that is coming
 * ```
 * @throws CometChatException `ERR_INVALID_ARGUMENT` when `appId` is empty or the options are malformed.
 */
export function createConnectionEngine(options: ConnectionEngineOptions): ConnectionEngine {
  // No options at all is a missing appId too: the message names `options.appId` either way.
  const { appId, settings = DEFAULT_SETTINGS, platform = {} } = options ?? {}
  if (typeof appId !== 'string' || !appId.trim())
    throw invalidArgument('options.appId', 'a non-empty string', appId)
  if (typeof settings?.backgroundTimeout !== 'number') {
    throw invalidArgument('settings', 'new AppSettingsBuilder().build()', settings)
  }
  return new Engine(appId, settings, platform)
}

/**
 * The engine. A class, so its methods live once on the prototype: a process running thousands of
 * engines (bots, bridges, load tests) pays only for each one's fields.
 */
class Engine implements ConnectionEngine {
  #state: MachineState
  /** What the hot path moved since the last transition (machine/fast-path.ts), or null. */
  #hot: Hot | null = null
  /** The last snapshot built; none until someone looks (an engine nobody watches builds none). */
  #snap: ConnectionSnapshot | null = null
  /** The state changed since the snapshot was built. */
  #stale = true
  /** The last change of status, for the snapshot's `lastTransition`. */
  #moved: TransitionRecord | undefined
  /** The one socket (I1) and its id; the machine names sockets by id. */
  #ws: WebSocketLike | null = null
  #wsId = 0
  readonly #storage: SessionStorageLike
  readonly #WebSocket: WebSocketConstructorLike | undefined
  #listeners: Listeners<keyof ListenerMaps> = {}
  readonly #clock: Clock
  readonly #random: () => number
  readonly #appStates: AppStateSource
  readonly #network: NetworkSource
  readonly #fetchFn: typeof fetch | undefined
  #subscribers: Set<() => void> | undefined
  /** `getSnapshot` and `subscribe`, bound, once someone asks for them. */
  #boundGetSnapshot: (() => ConnectionSnapshot) | undefined
  #boundSubscribe: ((onChange: () => void) => () => void) | undefined
  #timer: unknown
  /** When the armed timer fires (the machine's earliest deadline), or null when none is armed. */
  #timerAt: number | null = null
  #unsubscribePlatform: Array<() => void> | null = null
  #initPromise: Promise<boolean> | null = null
  #initialized = false
  /** The last login or logout, settled or not (none yet: nothing to wait for). */
  #authChain: Promise<unknown> | undefined
  /** Events that arrived while the machine was busy (from listeners), in order. */
  #queue: MachineEvent[] | undefined
  #dispatching = false
  #cancelLogin: (() => void) | undefined
  /** The position last written to storage, and whether a write is scheduled. */
  #savedPosition: Position | null = null
  #savePending = false
  /** Message ids: this engine's random prefix (made at its first send), then a counter. */
  #idPrefix: string | undefined
  #sentCount = 0

  readonly #appId: string
  readonly #settings: AppSettings

  constructor(
    appId: string,
    settings: AppSettings,
    platform: NonNullable<ConnectionEngineOptions['platform']>,
  ) {
    this.#appId = appId
    this.#settings = settings
    defaults.clock ??= realClock()
    defaults.appState ??= browserAppState()
    defaults.network ??= browserNetwork()
    this.#clock = platform.clock ?? defaults.clock
    this.#random = platform.random ?? Math.random
    this.#appStates = platform.appState ?? defaults.appState
    this.#network = platform.network ?? defaults.network
    this.#fetchFn = platform.fetch ?? ((globalThis.fetch as typeof fetch | undefined) && globalFetch)
    this.#storage = platform.storage ?? defaultStorage()
    this.#WebSocket = platform.WebSocket
    this.#state = initialState(settings, this.#appStates.current(), this.#network.isOnline())
  }

  // ── the machine ──

  /** Feeds one event through the machine. Re-entrant calls (from listeners) are queued, in order. */
  #dispatch(event: MachineEvent): void {
    if (this.#dispatching) {
      this.#queue ??= []
      this.#queue.push(event)
      return
    }
    this.#dispatching = true
    try {
      for (let next: MachineEvent | undefined = event; next; next = this.#queue?.shift()) this.#step(next)
    } finally {
      this.#dispatching = false
    }
  }

  /** The stream position, the hot path's included. */
  #position(): Position | null {
    return this.#hot ? this.#hot.position : this.#state.position
  }

  /** The machine state, with what the hot path moved folded in. */
  #current(): MachineState {
    if (this.#hot) this.#state = foldHot(this.#state, this.#hot)
    this.#hot = null
    return this.#state
  }

  #step(event: MachineEvent): void {
    const before = this.#current()
    const now = this.#clock.now()
    const { state, effects } = transition(before, event, now, this.#random())
    this.#state = state
    for (const effect of effects) this.#perform(effect)
    if (!state.session || state.destroyed) this.#detachPlatform()
    this.#armTimer()
    this.#positionMoved()
    if (before.status !== state.status)
      this.#moved = { event: event[0], from: before.status, to: state.status, at: now }
    this.#changed()
  }

  /** The state changed: the snapshot is stale, and subscribers hear of it if it differs. */
  #changed(): void {
    // The snapshot is built when someone looks: at once for subscribers, else on getSnapshot(). An
    // engine nobody watches (a bot, a bridge) builds none per event.
    this.#stale = true
    if (!this.#subscribers?.size) return
    const previous = this.#snap
    if (this.#snapshot() !== previous) for (const notify of [...this.#subscribers]) notify()
  }

  /** The shell's side of each effect the machine emits (effects.ts). */
  #perform(effect: Effect): void {
    switch (effect[0]) {
      case 'open':
        return this.#open(effect[1])
      case 'send': {
        const id = effect[1]
        if (id === this.#wsId)
          sendOn(this.#ws, JSON.stringify(effect[2]), () => this.#dispatch(['socketError', id]))
        return
      }
      case 'close':
        if (effect[1] !== this.#wsId) return
        closeSocket(this.#ws)
        this.#ws = null
        return
      case 'call':
        return callListeners(this.#listeners[effect[1]], effect[2], effect[3])
      case 'settle': {
        const [resolve, reject] = effect[1]
        if (effect[2]) reject(effect[2])
        else resolve(effect[3])
        return
      }
      case 'clearSession':
        return void clearSession(this.#storage, this.#appId).catch(noop)
    }
  }

  /** Opens socket `id`; its callbacks become events tagged with that id (ports/socket.ts). */
  #open(id: number): void {
    this.#wsId = id
    const ws = newSocket(this.#WebSocket, socketUrlFor(this.#settings.serverUrl, this.#appId), id)
    this.#ws = null
    if (Array.isArray(ws)) return queueMicrotask(() => this.#dispatch(ws)) // none: why, as an event
    ws.onopen = () => this.#dispatch(['socketOpen', id])
    ws.onmessage = (ev) => this.#onData(id, ev.data)
    ws.onerror = () => this.#dispatch(['socketError', id])
    ws.onclose = (ev) => this.#dispatch(['socketClose', id, ev.code, ev.reason])
    this.#ws = ws
  }

  /**
   * A `sendMessage()` that needs only the machine's `send` rule takes the hot path (transition.ts
   * `quickSend`), else the full transition; never while the machine is busy (no overtaking queued events).
   */
  #send(args: EventArgs['send']): void {
    const quick =
      !this.#dispatching && quickSend(this.#state, args, this.#clock.now(), this.#timerAt ?? Infinity)
    if (!quick) return this.#dispatch(['send', ...args])
    this.#state = quick.state
    for (const effect of quick.effects) this.#perform(effect)
    this.#changed()
  }

  /**
   * A frame arrived. A chat message that cannot change the connection takes the hot path
   * (machine/fast-path.ts); everything else goes through the machine. Never while the machine is busy:
   * the frame must not overtake events queued before it.
   */
  #onData(id: number, data: unknown): void {
    const frame = decodeServerFrame(data)
    const fast =
      !this.#dispatching &&
      fastMessage(this.#state, this.#hot, id, frame, this.#clock.now(), this.#timerAt ?? Infinity)
    if (!fast) return this.#dispatch(['socketMessage', id, frame, data])
    this.#hot = fast.hot
    this.#positionMoved()
    if (fast.message) callListeners(this.#listeners.message, 'onTextMessageReceived', fast.message)
  }

  /**
   * One timer, at the machine's earliest deadline; none when nothing is due (I3), as after `destroy()`
   * (a destroyed state has no socket, retry, request or send left to time).
   */
  #armTimer(): void {
    const at = nextDeadline(this.#state)
    if (this.#timerAt === at) return
    if (this.#timerAt !== null) this.#clock.clearTimeout(this.#timer)
    this.#timerAt = at
    if (at !== null)
      this.#timer = this.#clock.setTimeout(
        () => {
          this.#timerAt = null
          this.#dispatch(['tick'])
        },
        Math.max(0, at - this.#clock.now()),
      )
  }

  /**
   * The stream position moved: save it for the user, once per burst of messages (a microtask later),
   * so a reload or restart resumes from it. Best effort: a failed write costs a replay, never a loss.
   */
  #positionMoved(): void {
    if (this.#savePending || this.#position() === this.#savedPosition) return
    this.#savePending = true
    queueMicrotask(() => {
      this.#savePending = false
      const position = this.#position()
      const session = this.#state.session
      if (!position || !session || position === this.#savedPosition) return
      this.#savedPosition = position
      savePosition(this.#storage, this.#appId, session.user.uid, position).catch(noop)
    })
  }

  /** App state and network subscriptions exist only while a user is logged in (I3). */
  #attachPlatform(): void {
    if (this.#unsubscribePlatform || this.#state.destroyed) return
    const appState = (state: AppStateValue) => this.#dispatch(['appState', state])
    const network = (online: boolean) => this.#dispatch(['network', online])
    // The sources may have changed while nobody listened: catch up before subscribing.
    appState(this.#appStates.current())
    network(this.#network.isOnline())
    this.#unsubscribePlatform = [this.#appStates.subscribe(appState), this.#network.subscribe(network)]
  }

  /**
   * A session begins (restored or logged in): its user's saved position is read (known as saved from
   * then on), the platform is watched, and the machine starts the session from that position.
   */
  async #start(name: 'restore' | 'login', session: Session | null): Promise<void> {
    const position = session && (await loadPosition(this.#storage, this.#appId, session.user.uid))
    if (session) this.#attachPlatform()
    this.#savedPosition = position
    this.#dispatch([name, session, position] as MachineEvent)
  }

  #detachPlatform(): void {
    const list = this.#unsubscribePlatform
    this.#unsubscribePlatform = null
    for (const u of list ?? []) u()
  }

  #alive(): void {
    if (this.#state.destroyed) throw errorOf('ERR_ENGINE_DESTROYED')
  }

  /** Logins and logouts run one at a time, in call order. */
  #serialise<T>(run: () => Promise<T>, callbacks: Callbacks<T> | undefined): Promise<T> {
    const result = Promise.resolve(this.#authChain).then(() => {
      this.#alive()
      return run()
    })
    this.#authChain = result.catch(noop)
    return withCallbacks(result, callbacks)
  }

  /**
   * Starts a request: `start` feeds its event in with the promise's settle functions, which the machine
   * hands back in a `settle` effect. Once initialised, the event goes in synchronously: `connect()`
   * shows `connecting` at once.
   */
  #request<T = void>(start: (req: Request) => void, callbacks: Callbacks<T> | undefined): Promise<T> {
    const send = () =>
      new Promise<T>((resolve, reject) => {
        this.#alive() // a destroyed machine ignores events: reject here, never hang (I4)
        start([resolve as (value: unknown) => void, reject])
      })
    return withCallbacks(this.#initialized ? send() : this.init().then(send), callbacks)
  }

  /** One POST of JSON (with the app's id) to the server, with the engine's deadline. */
  #post(path: string, body: object, onCancel?: HttpCall['onCancel']): Promise<unknown> {
    if (!this.#fetchFn) throw invalidArgument('platform.fetch', 'a fetch implementation', this.#fetchFn)
    return httpJson(
      { fetch: this.#fetchFn, clock: this.#clock, timeoutMs: this.#settings.httpTimeout, onCancel },
      urlOf(this.#settings.serverUrl, path),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appId: this.#appId, ...body }),
      },
    )
  }

  #addListenerOf<K extends keyof ListenerMaps>(kind: K, id: string, listener: ListenerMaps[K]): () => void {
    this.#alive()
    return addListener(this.#listeners, kind, id, listener)
  }

  // ── the public API ──

  init(): Promise<boolean> {
    if (this.#state.destroyed) return Promise.reject(errorOf('ERR_ENGINE_DESTROYED'))
    this.#initPromise ??= this.#restore()
    return this.#initPromise
  }

  /** `init()`'s work: the saved session and its user's position, then the machine starts from them. */
  async #restore(): Promise<boolean> {
    try {
      const session = await storageStep('reading', loadSession(this.#storage, this.#appId))
      await this.#start('restore', session)
      this.#initialized = true
      return true
    } catch (error) {
      this.#initPromise = null // a storage that failed once may work next time: let init() retry
      throw error
    }
  }

  login(
    first: string | LoginCredentials,
    second?: string | Callbacks<User>,
    third?: Callbacks<User>,
  ): Promise<User> {
    const byObject = typeof first === 'object' && first !== null
    // `login('alice')` is a token login: when the server refuses it, say what was probably meant.
    const byToken = !byObject && second === undefined
    const credentials: LoginCredentials = byObject
      ? first
      : byToken
        ? { authToken: first }
        : { uid: first, authKey: second as string }
    return this.#serialise(
      async () => {
        await this.init()
        this.#dispatch(['loginStart'])
        try {
          const values =
            'authToken' in credentials ? [credentials.authToken] : [credentials.uid, credentials.authKey]
          if (!values.every((v) => typeof v === 'string' && v.trim()))
            throw invalidArgument(
              'login',
              '{ uid, authKey } or { authToken }, non-empty strings',
              values.join(),
            )
          const answer = await this.#post('v1/login', credentials, (cancel) => {
            this.#cancelLogin = cancel
          })
          const session = sessionOf(answer)
          if (!session) throw errorOf('ERR_AUTH_FAILED', '(malformed answer)', { answer })
          this.#alive()
          await storageStep('saving', saveSession(this.#storage, this.#appId, session)) // B1: saved, then the socket
          await this.#start('login', session)
          this.#alive() // destroyed meanwhile: the machine ignored the login
          return session.user
        } catch (e) {
          let error = e instanceof CometChatException ? e : errorOf('ERR_AUTH_FAILED', '', { cause: e })
          if (byToken && error.code === 'ERR_AUTH_FAILED')
            error = new CometChatException(
              error.code,
              `${error.message} If "${first}" is a uid, pass the auth key too: login(uid, authKey).`,
              error.details,
            )
          this.#dispatch(['loginFail', error])
          throw error
        } finally {
          this.#cancelLogin = undefined
        }
      },
      (byObject ? second : third) as Callbacks<User> | undefined,
    )
  }

  logout(callbacks?: Callbacks): Promise<void> {
    this.#cancelLogin?.() // a hung login never holds a logout back
    return this.#serialise(async () => {
      await this.init()
      const session = this.#state.session
      this.#dispatch(['logout'])
      await storageStep('removing', clearSession(this.#storage, this.#appId))
      // Revoking the token is best effort: being offline must not keep a user logged in.
      if (session && this.#fetchFn) this.#post('v1/logout', { authToken: session.authToken }).catch(noop)
    }, callbacks)
  }

  async getLoggedInUser(): Promise<User | null> {
    await (this.#initPromise ?? this.init()) // a destroyed engine still says who was logged in
    return this.#snapshot().user
  }

  connect(callbacks?: Callbacks): Promise<void> {
    return this.#request((req) => this.#dispatch(['connect', req]), callbacks)
  }

  disconnect(callbacks?: Callbacks): Promise<void> {
    return this.#request((req) => this.#dispatch(['disconnect', req]), callbacks)
  }

  ping(callbacks?: Callbacks): Promise<void> {
    return this.#request((req) => this.#dispatch(['ping', req]), callbacks)
  }

  sendMessage(receiver: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage> {
    const bad =
      typeof receiver !== 'string' || !receiver
        ? invalidArgument('receiver uid', 'a non-empty string', receiver)
        : typeof text !== 'string' || !text.trim()
          ? invalidArgument('message text', 'a non-empty string', text)
          : null
    return bad
      ? withCallbacks(Promise.reject(bad), callbacks)
      : this.#request((req) => this.#send([req, receiver, text, this.#nextId()]), callbacks)
  }

  /** A new message id, unique to this engine: its prefix is made at the first send (none for an engine that never sends). */
  #nextId(): string {
    this.#idPrefix ??= this.#clock.now().toString(36) + Math.floor(this.#random() * 2 ** 32).toString(36)
    return `${this.#idPrefix}-${++this.#sentCount}`
  }

  getLastDeliveredMessageId(): string | null {
    return this.#position()?.id ?? null
  }

  getUserAuthToken(): string | null {
    return this.#state.session?.authToken ?? null
  }

  get settings(): AppSettings {
    return this.#settings
  }

  getConnectionStatus() {
    return this.#state.status
  }

  addConnectionListener(id: string, listener: ListenerMaps['connection']) {
    return this.#addListenerOf('connection', id, listener)
  }

  removeConnectionListener(id: string): void {
    removeListener(this.#listeners, 'connection', id)
  }

  addMessageListener(id: string, listener: ListenerMaps['message']) {
    return this.#addListenerOf('message', id, listener)
  }

  removeMessageListener(id: string): void {
    removeListener(this.#listeners, 'message', id)
  }

  addUserListener(id: string, listener: ListenerMaps['user']) {
    return this.#addListenerOf('user', id, listener)
  }

  removeUserListener(id: string): void {
    removeListener(this.#listeners, 'user', id)
  }

  /**
   * Bound, so `useSyncExternalStore(engine.subscribe, engine.getSnapshot)` works; made on first use, so
   * an engine nobody watches (a bot, a bridge) holds neither function (memory per engine, issue #11).
   */
  get getSnapshot(): () => ConnectionSnapshot {
    this.#boundGetSnapshot ??= () => this.#snapshot()
    return this.#boundGetSnapshot
  }

  /** Bound, like {@link getSnapshot}. */
  get subscribe(): (onChange: () => void) => () => void {
    this.#boundSubscribe ??= (onChange) => {
      if (typeof onChange !== 'function') throw invalidArgument('subscribe callback', 'a function', onChange)
      if (this.#state.destroyed) return noop
      const entry = () => onChange() // a fresh entry per call, so the same function can subscribe twice
      this.#subscribers ??= new Set()
      this.#subscribers.add(entry)
      return () => void this.#subscribers?.delete(entry)
    }
    return this.#boundSubscribe
  }

  #snapshot(): ConnectionSnapshot {
    if (this.#stale) this.#snap = snapshotOf(this.#snap, this.#state, this.#moved)
    this.#stale = false
    return this.#snap as ConnectionSnapshot
  }

  destroy(): void {
    if (this.#state.destroyed) return
    this.#dispatch(['destroy']) // its step detaches the platform, as for any destroyed state
    this.#listeners = {} // a remover kept from before changes the old lists only
    this.#subscribers?.clear()
  }
}
