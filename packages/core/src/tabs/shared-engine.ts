import { withCallbacks } from '../callbacks.js'
import { errorOf, invalidArgument } from '../errors.js'
import { addListener, callListeners, type Listeners, removeListener } from '../listener-registry.js'
import { browserAppState } from '../ports/browser-app-state.js'
import { browserNetwork } from '../ports/browser-network.js'
import { realClock } from '../ports/clock.js'
import { DEFAULT_SETTINGS } from '../settings.js'
import { SERVER_SNAPSHOT } from '../snapshot.js'
import type {
  AppStateSource,
  Callbacks,
  Clock,
  ConnectionEngine,
  ConnectionEngineOptions,
  ConnectionListener,
  ConnectionSnapshot,
  LoginCredentials,
  MessageListener,
  NetworkSource,
  TextMessage,
  User,
  UserListener,
} from '../types.js'
import { type Calls, createCalls } from './calls.js'
import { type Leader, startLeader } from './leader.js'
import { type Leadership, leadership } from './leadership.js'
import type { LockManagerLike, PageLifecycleEvent, PageLifecycleSource, TabChannelLike } from './ports.js'
import { recentIds } from './recent-ids.js'
import { type VisibleTabs, visibleTabs } from './visible-tabs.js'
import {
  type Action,
  errorFromWire,
  isTabMessage,
  type Kind,
  snapshotFromWire,
  type TabMessage,
  type WireError,
} from './wire.js'

/** The listener method of each status (I2: a tab hears a status only when it changes). */
const STATUS_EVENT = { connecting: 'inConnecting', connected: 'onConnected', disconnected: 'onDisconnected' }
const STATUS_EVENTS = Object.values(STATUS_EVENT)
let tabCount = 0

/** What a {@link SharedEngine} is built from, resolved by `createSharedConnectionEngine`. */
export interface SharedEngineParts {
  readonly options: ConnectionEngineOptions
  /** The lock's and the channel's name: one per app id. */
  readonly name: string
  readonly locks: LockManagerLike
  /** The channel, opened when the engine starts (a `BroadcastChannel` holds a Node process open). */
  readonly openChannel: () => TabChannelLike
  readonly lifecycle: PageLifecycleSource
  readonly heartbeatMs: number
  readonly handoverDelayMs: number
}

/**
 * A tab's engine when tabs share one connection: the leader tab runs the real engine (leader.ts) for
 * all; every other tab mirrors its snapshot and events and sends it its actions (calls.ts). The same
 * object switches role when leadership moves, so the app (and its adapter) holds one engine throughout.
 */
export class SharedEngine implements ConnectionEngine {
  readonly #parts: SharedEngineParts
  readonly #clock: Clock
  readonly #own: AppStateSource
  readonly #network: NetworkSource
  readonly #tab: string
  readonly #calls: Calls
  readonly #visible: VisibleTabs
  readonly #election: Leadership
  readonly #fresh = recentIds()
  #listeners: Listeners<Kind> = {}
  readonly #subscribers = new Set<() => void>()
  #channel: TabChannelLike | null = null
  #leader: Leader | null = null
  #leaderTab: string | null = null
  #term = 0
  #snap: ConnectionSnapshot
  /** Whether #snap came from a leader (else it is this tab's placeholder). */
  #led = false
  #lastId: string | null = null
  #token: string | null = null
  #status = 'onDisconnected'
  #visibleNow = false
  #suspended = false
  #started = false
  #destroyed = false
  #heartbeat: unknown
  #handover: unknown
  #handoverArmed = false
  #unsubscribe: Array<() => void> = []

  constructor(parts: SharedEngineParts) {
    this.#parts = parts
    const { settings = DEFAULT_SETTINGS, platform = {} } = parts.options
    this.#clock = platform.clock ?? realClock()
    this.#own = platform.appState ?? browserAppState()
    this.#network = platform.network ?? browserNetwork()
    // Unique across tabs (Math.random, not the injectable one a test may fix) and within one process.
    this.#tab = `${Math.random().toString(36).slice(2)}${++tabCount}`
    this.#snap = Object.freeze({
      ...SERVER_SNAPSHOT,
      mode: settings.autoEstablishSocketConnection ? 'auto' : 'manual',
      appState: this.#own.current(),
      online: this.#network.isOnline(),
    })
    const h = parts.heartbeatMs
    const longest = Math.max(
      settings.httpTimeout,
      settings.connectTimeout,
      settings.pongTimeout,
      settings.sendTimeout,
    )
    this.#calls = createCalls(this.#tab, this.#clock, (...a) => this.#route(...a), 5 * h, longest + 5 * h)
    this.#visible = visibleTabs(this.#clock, 3 * h, () => this.#review())
    this.#election = leadership(
      parts.locks,
      parts.name,
      () => this.#lead(),
      () => this.#alone(),
    )
  }

  // ── the tab among tabs ──

  /** Joins the other tabs: at `init()` or the first action, never at creation (SSR, tests). */
  #start(): void {
    if (this.#started || this.#destroyed) return
    this.#started = true
    this.#channel = this.#parts.openChannel()
    this.#channel.onmessage = (e) => this.#receive(e.data)
    this.#visibleNow = this.#own.current() === 'foreground'
    this.#unsubscribe.push(
      this.#own.subscribe((s) => this.#setVisible(s === 'foreground')),
      this.#parts.lifecycle.subscribe((e) => this.#lifecycle(e)),
    )
    this.#beat()
    this.#sync()
    this.#review()
  }

  /** Asks the leader to introduce itself, under a term above the one this tab knows. */
  #sync(): void {
    this.#post({ t: 'sync', from: this.#tab, term: this.#term })
  }

  #post(message: TabMessage): void {
    this.#channel?.postMessage(message)
  }

  /** Says whether this tab is visible, and again every heartbeat while it is. */
  #beat(): void {
    this.#clock.clearTimeout(this.#heartbeat)
    const visible = this.#visibleNow && !this.#suspended
    this.#post({ t: 'vis', from: this.#tab, visible })
    if (visible) this.#heartbeat = this.#clock.setTimeout(() => this.#beat(), this.#parts.heartbeatMs)
  }

  #setVisible(visible: boolean): void {
    if (visible === this.#visibleNow) return
    this.#visibleNow = visible
    this.#beat()
    this.#review()
  }

  #lifecycle(event: PageLifecycleEvent): void {
    if (event === 'resume') {
      this.#suspended = false
      this.#visibleNow = this.#own.current() === 'foreground'
      this.#sync()
    } else {
      // Frozen, in the back-forward cache, or unloading: its JavaScript stops, so it must not lead.
      this.#suspended = true
      if (event === 'close') this.#post({ t: 'bye', from: this.#tab })
      this.#stepDown()
    }
    this.#beat()
    this.#review()
  }

  /**
   * Re-decides after any change. Wait for the lock when visible, or when no tab is visible (so a
   * leader that vanishes is replaced by a visible tab if there is one). A hidden leader hands over
   * once it has stayed hidden `handoverDelayMs` while another tab is visible.
   */
  #review(): void {
    if (this.#destroyed) return
    const othersVisible = this.#visible.any()
    this.#election.want(!this.#suspended && (this.#visibleNow || !othersVisible))
    this.#leader?.appStateChanged()
    const handover = !!this.#leader && !this.#visibleNow && othersVisible
    if (handover === this.#handoverArmed) return
    this.#handoverArmed = handover
    this.#clock.clearTimeout(this.#handover)
    if (handover) this.#armHandover(this.#parts.handoverDelayMs)
  }

  #armHandover(ms: number): void {
    this.#handover = this.#clock.setTimeout(() => {
      // Calls or sends in flight would be cut: hand over once they are done.
      if (this.#leader?.busy()) return this.#armHandover(this.#parts.heartbeatMs)
      this.#handoverArmed = false
      this.#stepDown()
      this.#review()
    }, ms)
  }

  /** The lock is ours: run the real engine for every tab. */
  #lead(): void {
    if (this.#destroyed || this.#suspended) return this.#election.release()
    this.#term = Math.max(this.#clock.now(), this.#term + 1)
    this.#leaderTab = this.#tab
    this.#leader = startLeader({
      options: this.#parts.options,
      clock: this.#clock,
      network: this.#network,
      tab: this.#tab,
      term: () => this.#term,
      previous: this.#led ? this.#snap : null,
      foreground: () => !this.#suspended && (this.#visibleNow || this.#visible.any()),
      post: (m) => this.#post(m),
      emit: (kind, method, arg) => this.#emit(kind, method, arg),
      publish: (snap, lastId, token) => this.#show(snap, lastId, token),
    })
    this.#leader.announce()
    this.#calls.leaderChanged(this.#tab)
    this.#review()
  }

  /**
   * The lock cannot be had at all (an opaque origin): this tab keeps its own connection, as the
   * fallback does, and leaves the channel so no other tab takes it for a leader.
   */
  #alone(): void {
    if (this.#destroyed || this.#leader) return
    if (this.#channel) this.#channel.onmessage = null
    this.#channel?.close()
    this.#channel = null
    this.#lead()
  }

  #stepDown(): void {
    const leader = this.#leader
    if (!leader) return
    this.#leader = null
    leader.stop()
    this.#election.release()
  }

  /** Where this tab's calls go: to its own leader role, or over the channel. */
  #route(id: string, action: Action, args: unknown[]): void {
    const leader = this.#leader
    if (!leader) return this.#post({ t: 'call', from: this.#tab, id, action, args })
    this.#calls.ack(id, this.#tab)
    leader.call(id, action, args, (error, value) =>
      this.#calls.answer(id, error && errorFromWire(error), value),
    )
  }

  /** A message from another tab. */
  #receive(data: unknown): void {
    if (!isTabMessage(data) || data.from === this.#tab || this.#destroyed) return
    const m = data
    switch (m.t) {
      case 'vis':
        return this.#visible.saw(m.from, m.visible)
      case 'bye':
        return this.#visible.saw(m.from, false)
      case 'sync':
        if (!this.#leader) return
        // The asking tab knows a later term than ours (leaders within one millisecond): go above it.
        if (m.term > this.#term) this.#term = m.term + 1
        return this.#leader.announce()
      case 'call':
        return this.#leader?.handle(m)
      case 'lead':
        return void this.#current(m)
      case 'snap':
        if (this.#current(m)) this.#show(snapshotFromWire(this.#snap, m.snap), m.lastId, m.token)
        return
      case 'evt':
        // A message is delivered whoever sends it (deduplicated): a former leader's last ones count too.
        if (m.kind === 'message' || this.#current(m))
          this.#emit(
            m.kind,
            m.method,
            m.method === 'onConnectionError' ? errorFromWire(m.arg as WireError) : m.arg,
          )
        return
      case 'ack':
        if (m.to === this.#tab && this.#current(m)) this.#calls.ack(m.id, m.from)
        return
      case 'res':
        if (m.to === this.#tab) this.#calls.answer(m.id, m.error && errorFromWire(m.error), m.value)
    }
  }

  /**
   * Whether a leader's message is of the current leadership; a newer term means a new leader. An older
   * term from another tab is a former leader's late message, or a new leader that did not know the
   * term: the sync makes the real leader (if any) announce itself under a later term.
   */
  #current(m: { from: string; term: number }): boolean {
    if (typeof m.term !== 'number') return false
    if (m.term < this.#term) {
      if (m.from !== this.#leaderTab) this.#sync()
      return false
    }
    if (m.term > this.#term || m.from !== this.#leaderTab) {
      this.#stepDown() // never two leaders, should a lock ever be stolen
      this.#term = m.term
      this.#leaderTab = m.from
      this.#calls.leaderChanged(m.from)
    }
    return true
  }

  /** Delivers a listener event in this tab: each message once, each status only when it changes (I2). */
  #emit(kind: Kind, method: string, arg: unknown): void {
    if (kind === 'message') {
      const id = (arg as TextMessage | null)?.id
      if (typeof id !== 'string' || !this.#fresh(id)) return
      this.#lastId = id
    } else if (STATUS_EVENTS.includes(method)) {
      if (method === this.#status) return
      this.#status = method
    }
    callListeners(this.#listeners[kind], method, arg)
  }

  #show(snap: ConnectionSnapshot, lastId: string | null, token: string | null): void {
    this.#led = true
    this.#lastId = lastId ?? this.#lastId
    this.#token = token
    this.#status = STATUS_EVENT[snap.status]
    if (snap === this.#snap) return
    this.#snap = snap
    for (const notify of [...this.#subscribers]) notify()
  }

  #act<T>(action: Action, args: unknown[], callbacks?: Callbacks<T>): Promise<T> {
    if (this.#destroyed) return withCallbacks(Promise.reject(destroyedError()), callbacks)
    this.#start()
    return withCallbacks(this.#calls.start(action, args) as Promise<T>, callbacks)
  }

  #add(kind: Kind, id: string, listener: object): () => void {
    if (this.#destroyed) throw destroyedError()
    return addListener(this.#listeners, kind, id, listener)
  }

  /** Whether this tab holds the connection now. */
  get leading(): boolean {
    return this.#leader !== null
  }

  // ── the engine's API ──

  get settings() {
    return this.#parts.options.settings ?? DEFAULT_SETTINGS
  }

  init(): Promise<boolean> {
    return this.#act('init', [])
  }

  login(
    first: string | LoginCredentials,
    second?: string | Callbacks<User>,
    third?: Callbacks<User>,
  ): Promise<User> {
    if (typeof first === 'object' && first !== null)
      return this.#act('login', [first], second as Callbacks<User>)
    return this.#act('login', typeof second === 'string' ? [first, second] : [first], third)
  }

  logout(callbacks?: Callbacks): Promise<void> {
    return this.#act('logout', [], callbacks)
  }

  getLoggedInUser(): Promise<User | null> {
    return this.#act('getLoggedInUser', [])
  }

  connect(callbacks?: Callbacks): Promise<void> {
    return this.#act('connect', [], callbacks)
  }

  disconnect(callbacks?: Callbacks): Promise<void> {
    return this.#act('disconnect', [], callbacks)
  }

  ping(callbacks?: Callbacks): Promise<void> {
    return this.#act('ping', [], callbacks)
  }

  sendMessage(receiver: string, text: string, callbacks?: Callbacks<TextMessage>): Promise<TextMessage> {
    return this.#act('sendMessage', [receiver, text], callbacks)
  }

  getConnectionStatus() {
    return this.#snap.status
  }

  getLastDeliveredMessageId(): string | null {
    return this.#lastId
  }

  getUserAuthToken(): string | null {
    return this.#token
  }

  addConnectionListener(id: string, listener: ConnectionListener): () => void {
    return this.#add('connection', id, listener)
  }

  removeConnectionListener(id: string): void {
    removeListener(this.#listeners, 'connection', id)
  }

  addMessageListener(id: string, listener: MessageListener): () => void {
    return this.#add('message', id, listener)
  }

  removeMessageListener(id: string): void {
    removeListener(this.#listeners, 'message', id)
  }

  addUserListener(id: string, listener: UserListener): () => void {
    return this.#add('user', id, listener)
  }

  removeUserListener(id: string): void {
    removeListener(this.#listeners, 'user', id)
  }

  /** Bound, so `useSyncExternalStore(engine.subscribe, engine.getSnapshot)` works. */
  readonly getSnapshot = (): ConnectionSnapshot => this.#snap

  /** Bound, like {@link getSnapshot}. */
  readonly subscribe = (onChange: () => void): (() => void) => {
    if (typeof onChange !== 'function') throw invalidArgument('subscribe callback', 'a function', onChange)
    if (this.#destroyed) return () => {}
    const entry = () => onChange()
    this.#subscribers.add(entry)
    return () => void this.#subscribers.delete(entry)
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#stepDown()
    this.#election.want(false)
    this.#destroyed = true
    this.#post({ t: 'bye', from: this.#tab })
    this.#calls.clear(destroyedError())
    this.#clock.clearTimeout(this.#heartbeat)
    this.#clock.clearTimeout(this.#handover)
    this.#visible.stop()
    for (const off of this.#unsubscribe.splice(0)) off()
    if (this.#channel) {
      this.#channel.onmessage = null
      this.#channel.close()
    }
    this.#listeners = {} // a remover kept from before changes the old lists only
    this.#subscribers.clear()
  }
}

const destroyedError = () => errorOf('ERR_ENGINE_DESTROYED')
