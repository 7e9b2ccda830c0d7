import {
  type AppStateValue,
  type Callbacks,
  type ConnectionEngine,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
  fetchMessages,
  type TextMessage,
} from '@cometchat-connection/core'
import { callWithCallbacks } from './call-with-callbacks.js'
import { CatchUp } from './catch-up.js'
import type { DeliveryLedger, LedgerProblem } from './delivery-ledger.js'
import type { FaultProxy } from './fault-proxy.js'
import { checkChatFrame } from './frame-check.js'
import { codeOf, type PromiseTracker } from './promise-tracker.js'
import type { Random } from './random.js'
import { SocketRules } from './socket-rules.js'
import { type StatusWatch, watchStatus } from './status-watch.js'
import type { Tally } from './tally.js'
import type { Timers } from './timers.js'
import { type ChaosTiming, chaosSettings, type PromiseKind } from './timing.js'
import type { Violations } from './violations.js'
import { type WatchedWebSocket, watchedWebSocket } from './watched-web-socket.js'

/** What every user of a run shares. */
export interface ChaosWorld {
  readonly appId: string
  readonly authKey: string
  readonly timing: ChaosTiming
  readonly tracker: PromiseTracker
  readonly ledger: DeliveryLedger
  readonly violations: Violations
  /** App actions and what the app saw, by kind. */
  readonly actions: Tally
  /** The app's own timers (re-login, catch-up retries): they run until the end. */
  readonly appTimers: Timers
  /** The schedule's timers: they stop with the faults. */
  readonly chaosTimers: Timers
}

/** The random actions of a user, with their weights. */
const ACTIONS = {
  reload: 0.4,
  appState: 3,
  network: 2,
  session: 1,
  relogin: 0.3,
  connect: 1.2,
  disconnect: 0.6,
  ping: 1.2,
} as const

const noop = () => {}

/**
 * One user of the run: a real engine (its own proxy, app state, network and memory storage) and the
 * app around it, which does what an app does: logs in, goes to the background and back, loses the
 * network, logs out, calls `connect()`/`disconnect()`/`ping()`, logs in again when the server forgot
 * its token (4001), catches up with `fetchMessages()` after `onContinuityLost`. The user also keeps the
 * app's intent (logged in or not, `disconnect()` in force, `connect()` wanted), from which the run
 * knows whether the engine should be connected once the faults stop.
 */
export class ChaosUser {
  readonly appState: ReturnType<typeof createControllableAppState>
  readonly network: ReturnType<typeof createControllableNetwork>
  readonly sockets: WatchedWebSocket
  /** The app wants a user logged in. */
  wantLoggedIn = true
  /** `login()` resolved and the session was neither logged out nor refused (4001) since. */
  loggedIn = false
  /** A `login()` or `logout()` of the app in flight (the app runs one at a time, but may log out during a login). */
  authBusy: 'login' | 'logout' | null = null
  /** Auto mode: `disconnect()` is in force (lifted by `connect()` or a login). */
  suspended = false
  /** Manual mode: the app wants the socket (it called `connect()` last, not `disconnect()`). */
  wantConnected = true
  /** When the app last did something that should connect it (login resolved, `connect()`), epoch ms. */
  eligibleAt = 0
  /** When the engine may hold a socket (checked as the app acts). */
  readonly rules: SocketRules
  private readonly catchUp: CatchUp
  private seq = 0
  private reloginPending = false
  /** What survives a page reload: the storage (session, stream position) and the engine's randomness. */
  private readonly storage = createMemoryStorage()
  private readonly engineRandom: Random
  private current!: { engine: ConnectionEngine; status: StatusWatch }

  constructor(
    readonly uid: string,
    readonly mode: 'auto' | 'manual',
    readonly proxy: FaultProxy,
    private readonly random: Random,
    private readonly world: ChaosWorld,
  ) {
    this.appState = createControllableAppState('foreground')
    this.network = createControllableNetwork(true)
    this.sockets = watchedWebSocket(
      (others) =>
        world.violations.add(
          'two sockets (client)',
          `${uid} constructed a WebSocket while ${others} other(s) of it were open or opening (I1)`,
        ),
      (data, stillOpen) => checkChatFrame(uid, data, stillOpen, world.ledger, world.violations),
      () => this.rules.opened(),
    )
    this.rules = new SocketRules(this, world.violations)
    this.catchUp = new CatchUp((after) => this.fetchAfter(after), world.appTimers)
    this.engineRandom = random.fork('engine')
    this.attach()
  }

  /** The engine now (a reload replaces it). */
  get engine(): ConnectionEngine {
    return this.current.engine
  }

  /** What the listeners of the current engine heard. */
  get status(): StatusWatch {
    return this.current.status
  }

  /** Creates an engine on the user's storage and sources, with the app's listeners. */
  private attach(): void {
    const { world, uid } = this
    const engine = createConnectionEngine({
      appId: world.appId,
      settings: chaosSettings(`http://127.0.0.1:${this.proxy.port}`, this.mode === 'manual', world.timing),
      platform: {
        WebSocket: this.sockets.WebSocket,
        appState: this.appState,
        network: this.network,
        storage: this.storage,
        random: this.engineRandom.next,
      },
    })
    this.current = { engine, status: watchStatus(engine, uid, world.violations) }
    engine.addMessageListener('chaos', {
      onTextMessageReceived: (message) => this.report(world.ledger.delivered(uid, message)),
    })
    engine.addConnectionListener('chaos-app', {
      onConnectionError: (error) => {
        if (error.code !== 'ERR_AUTH_TOKEN_INVALID') return
        // The server forgot the token (it restarted): the engine cleared the session; the app logs in again.
        world.actions.add('session refused (4001)')
        this.loggedIn = false
        if (this.wantLoggedIn) this.retryLogin(100, 1000)
      },
      onResumed: ({ replayed }) => world.ledger.resumed(replayed),
      onContinuityLost: ({ reason, lastDeliveredMessageId }) => {
        world.ledger.lost(uid, reason, Date.now())
        world.actions.add('catch-up')
        this.catchUp.lost(lastDeliveredMessageId)
      },
    })
  }

  /**
   * A page reload (or app restart): the engine is destroyed without logging out, and a new one on the
   * same storage restores the session (B2) and resumes the message stream from the saved position.
   */
  private reload(): void {
    if (this.authBusy) return
    this.world.actions.add('reload')
    this.status.stop()
    this.engine.destroy()
    this.rules.expectNoSocket('after destroy() (I3)')
    this.rules.expectDetached('after destroy() (I3)')
    this.attach()
    this.suspended = false // a new page knows nothing of the old one's disconnect()
    this.track('init', this.engine.init()).then(() => {
      this.eligibleAt = Date.now()
      this.reconnectIfWanted() // a manual-mode app connects after start-up
    }, noop)
  }

  /** The engine should be connected now (given the foreground and the network). */
  shouldBeConnected(): boolean {
    return this.wantLoggedIn && (this.mode === 'auto' ? !this.suspended : this.wantConnected)
  }

  /** A login or logout in flight, or a login the app will retry shortly. */
  authPending(): boolean {
    return this.authBusy !== null || this.reloginPending
  }

  /** A catch-up is waiting or running. */
  catchUpPending(): boolean {
    return this.catchUp.pending()
  }

  /** Logs in (the run's warm-up); manual mode then connects. */
  start(): void {
    this.login()
  }

  /** One random action of the app. */
  act(): void {
    const action = this.random.weighted(ACTIONS)
    if (action === 'reload') this.reload()
    else if (action === 'appState') {
      this.setAppState(this.appState.current() === 'foreground' ? 'background' : 'foreground')
      // Users mostly come back soon (a glance at another app); the others return with a later action.
      if (this.appState.current() === 'background' && this.random.chance(0.7))
        this.later(this.random.exponential(2_000), () => this.setAppState('foreground'))
    } else if (action === 'network') {
      this.setOnline(!this.network.isOnline())
      if (!this.network.isOnline() && this.random.chance(0.7))
        this.later(this.random.exponential(2_000), () => this.setOnline(true))
    } else if (action === 'session') {
      if (this.authBusy === 'logout') return
      if (!this.loggedIn && this.authBusy !== 'login') return this.login()
      this.logout()
      // Most users come back after a while; the others stay logged out until the drain.
      if (this.random.chance(0.8))
        this.later(this.random.exponential(3_000), () => this.authBusy || this.login())
    } else if (action === 'relogin') {
      if (this.loggedIn && !this.authBusy) this.login()
    } else if (action === 'connect') this.connect()
    else if (action === 'disconnect') {
      this.disconnect()
      if (this.random.chance(0.8)) this.later(this.random.exponential(3_000), () => this.connect())
    } else this.ping()
  }

  private setAppState(next: AppStateValue): void {
    if (this.appState.current() === next) return
    this.world.actions.add(next)
    this.appState.set(next)
    this.rules.noteSources()
    if (next === 'background' && this.mode === 'auto')
      this.rules.expectNoSocket('in the background (B4: auto mode closes it at once)')
    // B6: a manual-mode socket closed in the background stays closed; most apps call connect() on return.
    if (next === 'foreground' && this.mode === 'manual' && this.random.chance(0.7)) this.reconnectIfWanted()
  }

  private setOnline(online: boolean): void {
    if (this.network.isOnline() === online) return
    this.world.actions.add(online ? 'online' : 'offline')
    this.network.set(online)
    this.rules.noteSources()
    if (!online) this.rules.expectNoSocket('while offline (D6: closed at once)')
  }

  /** Runs a later step of an action (a user who comes back), unless the faults have stopped by then. */
  private later(ms: number, step: () => void): void {
    this.world.chaosTimers.later(ms, step)
  }

  /** Sends one message to `receiver` (a user who is logged out rarely tries). */
  send(receiver: string): void {
    if (!this.loggedIn && this.random.chance(0.8)) return
    const { ledger } = this.world
    const text = ledger.sent({ sender: this.uid, receiver, seq: ++this.seq })
    this.call<TextMessage>('sendMessage', (cb) => this.engine.sendMessage(receiver, text, cb)).then(
      (message) => this.report(ledger.acked(text, message)),
      (error: unknown) => ledger.failed(text, codeOf(error)),
    )
  }

  /**
   * The faults stopped: the app is in the foreground and online; it logs in again if the server
   * refused its session, and a manual-mode app connects if it wants to be connected.
   */
  calm(): void {
    this.appState.set('foreground')
    this.network.set(true)
    this.rules.noteSources()
    this.eligibleAt = Date.now()
    if (this.wantLoggedIn && !this.loggedIn) {
      if (!this.authBusy) this.login()
    } else this.reconnectIfWanted()
  }

  /** The drain: every user logged in and connected, so every message can arrive. */
  gather(): void {
    if (this.authBusy) {
      this.world.appTimers.later(200, () => this.gather())
      return
    }
    this.wantLoggedIn = true
    this.wantConnected = true
    if (!this.loggedIn) return this.login()
    if (this.suspended || (this.mode === 'manual' && this.engine.getConnectionStatus() === 'disconnected'))
      this.connect()
  }

  /** Logs out (tracked), checks nothing of the platform is left subscribed (I3), destroys the engine. */
  async finish(): Promise<void> {
    this.wantLoggedIn = false
    await this.call('logout', (cb) => this.engine.logout(cb)).catch(noop)
    this.checkDetached()
    this.status.stop()
    this.engine.destroy()
  }

  private login(): void {
    if (this.authBusy) return
    this.authBusy = 'login'
    this.wantLoggedIn = true
    this.world.actions.add('login')
    this.call('login', (cb) => this.engine.login({ uid: this.uid, authKey: this.world.authKey }, cb)).then(
      () => {
        if (this.authBusy === 'login') this.authBusy = null
        if (!this.wantLoggedIn) return // logged out meanwhile: the logout runs after this login
        this.loggedIn = true
        this.suspended = false // a login lifts disconnect() (B14)
        this.eligibleAt = Date.now()
        if (this.mode === 'manual' && this.wantConnected) this.connect() // manual apps connect after login
      },
      () => {
        if (this.authBusy === 'login') this.authBusy = null
        if (this.wantLoggedIn && !this.loggedIn) this.retryLogin(300, 1500)
        else this.reconnectIfWanted() // a failed login over a session keeps it: a manual app connects it
      },
    )
  }

  private retryLogin(minMs: number, maxMs: number): void {
    this.reloginPending = true
    this.world.appTimers.later(this.random.between(minMs, maxMs), () => {
      this.reloginPending = false
      if (this.wantLoggedIn && !this.loggedIn && !this.authBusy) this.login()
    })
  }

  private logout(): void {
    this.wantLoggedIn = false
    this.loggedIn = false
    this.authBusy = 'logout'
    this.world.actions.add('logout')
    this.call('logout', (cb) => this.engine.logout(cb)).then(
      () => {
        this.authBusy = null
        this.checkDetached()
      },
      () => {
        this.authBusy = null
      },
    )
  }

  private connect(): void {
    const snapshot = this.engine.getSnapshot()
    // connect() sets the intent unless it is refused first: no session, or offline (D13).
    if (this.mode === 'auto' && snapshot.user && snapshot.online) this.suspended = false
    if (this.mode === 'manual') this.wantConnected = true
    this.eligibleAt = Date.now()
    this.world.actions.add('connect()')
    this.call('connect', (cb) => this.engine.connect(cb)).catch(noop)
  }

  private reconnectIfWanted(): void {
    if (this.mode === 'manual' && this.wantConnected && this.loggedIn && !this.authBusy)
      if (this.engine.getConnectionStatus() !== 'connected') this.connect()
  }

  private disconnect(): void {
    if (this.mode === 'auto') this.suspended = true
    else this.wantConnected = false
    this.world.actions.add('disconnect()')
    this.call('disconnect', (cb) => this.engine.disconnect(cb)).catch(noop)
    // B14: the socket is closed by the time disconnect() returns.
    this.rules.expectNoSocket('after disconnect()')
  }

  private ping(): void {
    this.world.actions.add('ping()')
    const pinged = this.call('ping', (cb) => this.engine.ping(cb))
    if (this.mode === 'manual') return void pinged.catch(noop)
    // B5: auto mode never pings, whatever else holds.
    pinged.then(
      () => this.world.violations.add('wrong outcome', `${this.uid}: ping() resolved in auto mode (B5)`),
      (error: unknown) => {
        if (codeOf(error) !== 'ERROR_PING_NOT_AVAILABLE')
          this.world.violations.add(
            'wrong outcome',
            `${this.uid}: ping() in auto mode rejected ${codeOf(error)}, not ERROR_PING_NOT_AVAILABLE (B5)`,
          )
      },
    )
  }

  /** Pages through `fetchMessages()` after `after` until the last page; rejects when a page fails. */
  private fetchAfter(after: string | null): Promise<void> {
    return this.track('fetchMessages', fetchMessages(this.engine, { after, limit: 100 })).then((page) => {
      for (const message of page.messages) this.report(this.world.ledger.fetched(this.uid, message))
      return page.hasMore ? this.fetchAfter(page.messages.at(-1)?.id ?? after) : undefined
    })
  }

  private checkDetached(): void {
    if (this.wantLoggedIn || this.authBusy) return // a login came after this logout
    this.rules.expectNoSocket('after logout() resolved (B3)')
    this.rules.expectDetached('after logout() resolved (I3)')
  }

  private track<T>(kind: PromiseKind, promise: Promise<T>): Promise<T> {
    return this.world.tracker.track(kind, this.uid, promise)
  }

  /** Calls an engine method, tracked; half the time with callbacks too, which must agree with the promise (I5). */
  private call<T>(kind: PromiseKind, invoke: (callbacks?: Callbacks<T>) => Promise<T>): Promise<T> {
    const promise = callWithCallbacks(invoke, this.random.chance(0.5), (message) =>
      this.world.violations.add('callbacks vs promise', `${this.uid} ${kind}(): ${message}`),
    )
    return this.track(kind, promise)
  }

  private report(problem: LedgerProblem | null): void {
    if (problem) this.world.violations.add(problem.kind, problem.message)
  }
}
