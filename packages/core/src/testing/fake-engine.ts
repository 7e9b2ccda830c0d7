import { exceptionOf } from '../app-errors.js'
import { withCallbacks } from '../callbacks.js'
import { type CometChatException, type ErrorCode, errorOf, invalidArgument } from '../errors.js'
import type { ResetReason } from '../protocol.js'
import { type AppSettings, DEFAULT_SETTINGS } from '../settings.js'
import { SERVER_SNAPSHOT } from '../snapshot.js'
import type {
  Callbacks,
  ConnectionEngine,
  ConnectionListener,
  ConnectionMode,
  ConnectionSnapshot,
  ConnectionStatus,
  LoginCredentials,
  MessageListener,
  SnapshotFields,
  TextMessage,
  User,
  UserListener,
} from '../types.js'
import { presenceOf, textMessage, userOf } from './test-data.js'

/** The actions a {@link FakeEngine} records. */
export type FakeAction =
  | 'init'
  | 'login'
  | 'logout'
  | 'connect'
  | 'disconnect'
  | 'ping'
  | 'sendMessage'
  | 'destroy'

/** One recorded call: the action and the arguments it got. */
export interface FakeCall {
  readonly name: FakeAction
  readonly args: readonly unknown[]
}

/** What {@link FakeEngine.set} accepts: any snapshot field (the status and user too). */
export type FakeSnapshotPatch = Partial<SnapshotFields> & {
  readonly status?: ConnectionStatus
  readonly user?: User | null
}

/** Options of {@link createFakeEngine}. */
export interface FakeEngineOptions {
  /** `auto` (default): login connects, as the real engine does. `manual`: only `connect()` does. */
  mode?: ConnectionMode
  /**
   * `true` (default): a connection attempt reaches `connected` one microtask after it starts.
   * `false`: it stays `connecting` until the test calls `set({ status: 'connected' })`.
   */
  connects?: boolean
  /** Start logged in as this user (a restored session); auto mode then starts `connected`. */
  user?: string | User
  /** Called as each connection attempt starts (e.g. to count them). */
  onOpen?: () => void
  /** Called as each recorded action starts, before it does anything. */
  onCall?: (name: FakeAction) => void
}

/**
 * A {@link ConnectionEngine} with no network, for testing components without a server: the snapshot
 * follows the actions the way the real engine's does (auto mode connects on login, sends wait for a
 * coming connection, failures land in `lastError`), and the test can also set it, emit events, make the
 * next call of an action fail, and read what was called.
 */
export interface FakeEngine extends ConnectionEngine {
  /** Replaces snapshot fields and notifies subscribers; a status change also calls the connection listeners. */
  set(patch: FakeSnapshotPatch): void
  /** Every action called so far, in order, with its arguments. */
  readonly calls: readonly FakeCall[]
  /** Messages sent successfully with `sendMessage`, in order. */
  readonly sent: readonly TextMessage[]
  /**
   * The next call of `action` fails with `error` (a code or an exception). Like the real engine's, a
   * failed `login`, `connect`, `ping` or `sendMessage` lands in the snapshot's `lastError`.
   */
  failNext(action: FakeAction, error: ErrorCode | CometChatException): void
  /** Snapshot subscribers and listeners of each kind registered right now. */
  readonly listenerCounts: { snapshot: number; connection: number; message: number; user: number }
  /** Whether `destroy()` was called. */
  readonly destroyed: boolean
  /** Delivers a message (or a text, from `bob`) to every message listener. */
  emitMessage(message: TextMessage | string): void
  /** `user` came online: added to `onlineUsers`, and every user listener is told. */
  emitUserOnline(user: string | User): void
  /** `user` went offline: removed from `onlineUsers`, and every user listener is told. */
  emitUserOffline(user: string | User): void
  /** Reports an error to every connection listener and puts it in `lastError`. */
  emitConnectionError(error: CometChatException): void
  /** A reconnect resumed: `recovery` becomes `{ resumed: true, replayed }` and `onResumed` is called. */
  emitResumed(replayed: number): void
  /** Continuity was lost: `recovery` becomes `{ resumed: false, reason }` and `onContinuityLost` is called. */
  emitContinuityLost(reason: ResetReason): void
}

type Waiter = [resolve: () => void, reject: (e: CometChatException) => void]

const STATUS_EVENT = {
  connecting: 'inConnecting',
  connected: 'onConnected',
  disconnected: 'onDisconnected',
} as const

/**
 * Creates a {@link FakeEngine}. Give it to the adapter's provider as you would a real engine.
 *
 * @example
 * ```tsx
 * import { createFakeEngine } from '@cometchat-connection/core/testing'
 *
 * const engine = createFakeEngine()
 * engine.failNext('login', 'ERR_AUTH_FAILED')
 * render(<CometChatProvider engine={engine}><ChatScreen /></CometChatProvider>)
 * await user.click(screen.getByText('Log in'))
 * expect(await screen.findByText('ERR_AUTH_FAILED')).toBeVisible()
 * expect(engine.calls.map((c) => c.name)).toEqual(['init', 'login'])
 * ```
 */
export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const { mode = 'auto', connects = true } = options
  const start = options.user ? userOf(options.user) : null
  let snapshot = Object.freeze({
    ...SERVER_SNAPSHOT,
    mode,
    user: start,
    status: start && mode === 'auto' ? 'connected' : 'disconnected',
    intent: start && mode === 'auto' ? 'connect' : 'idle',
  }) as ConnectionSnapshot
  let destroyed = false
  let lastDelivered: string | null = null
  const calls: FakeCall[] = []
  const sent: TextMessage[] = []
  const failures = new Map<FakeAction, CometChatException>()
  const waiters = new Set<Waiter>()
  const subscribers = new Set<() => void>()
  const listeners = {
    Connection: new Map<string, ConnectionListener>(),
    Message: new Map<string, MessageListener>(),
    User: new Map<string, UserListener>(),
  }
  const settings: AppSettings = Object.freeze({
    ...DEFAULT_SETTINGS,
    autoEstablishSocketConnection: mode === 'auto',
  })

  const tell = <K extends keyof typeof listeners>(
    kind: K,
    call: (l: NonNullable<ReturnType<(typeof listeners)[K]['get']>>) => void,
  ) => {
    for (const l of [...listeners[kind].values()]) call(l as never)
  }
  const set = (patch: FakeSnapshotPatch) => {
    const before = snapshot.status
    snapshot = Object.freeze({ ...snapshot, ...patch }) as ConnectionSnapshot
    const now = snapshot.status
    if (now === 'connected') settleWaiters(null)
    for (const s of [...subscribers]) s()
    if (now !== before) tell('Connection', (l) => l[STATUS_EVENT[now]]?.())
  }
  const settleWaiters = (error: CometChatException | null) => {
    for (const w of [...waiters]) {
      waiters.delete(w)
      if (error) w[1](error)
      else w[0]()
    }
  }
  const whenConnected = () =>
    snapshot.status === 'connected'
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => waiters.add([resolve, reject]))
  const open = () => {
    options.onOpen?.()
    set({ status: 'connecting', intent: 'connect' })
    if (connects)
      queueMicrotask(() => {
        if (snapshot.status === 'connecting') set({ status: 'connected', lastError: null })
      })
  }
  const fail = (error: CometChatException, inState = true): Promise<never> => {
    if (inState) set({ lastError: error })
    return Promise.reject(error)
  }
  /** Records the call; rejects when destroyed or when a failure was queued for it. */
  const enter = (name: FakeAction, args: unknown[]): CometChatException | null => {
    calls.push({ name, args })
    options.onCall?.(name)
    if (destroyed && name !== 'destroy') return errorOf('ERR_ENGINE_DESTROYED')
    const queued = failures.get(name) ?? null
    failures.delete(name)
    return queued
  }
  const stop = (error: CometChatException) => {
    settleWaiters(error)
    if (snapshot.pendingSends) set({ pendingSends: 0 })
  }

  const engine: FakeEngine = {
    calls,
    sent,
    settings,
    get destroyed() {
      return destroyed
    },
    get listenerCounts() {
      return {
        snapshot: subscribers.size,
        connection: listeners.Connection.size,
        message: listeners.Message.size,
        user: listeners.User.size,
      }
    },
    set,
    failNext(action, error) {
      failures.set(action, typeof error === 'string' ? exceptionOf(error) : error)
    },

    async init() {
      const error = enter('init', [])
      if (error) throw error
      return true
    },
    login(
      first: string | LoginCredentials,
      second?: string | Callbacks<User>,
      third?: Callbacks<User>,
    ): Promise<User> {
      const callbacks = (typeof first === 'object' ? second : third) as Callbacks<User> | undefined
      const error = enter(
        'login',
        [first, second, third].filter((a) => a !== undefined),
      )
      set({ loggingIn: true, lastError: null })
      const run = async () => {
        await Promise.resolve() // the login request
        set({ loggingIn: false })
        if (error) return fail(error)
        const uid = typeof first === 'object' ? (first.uid ?? first.authToken ?? '') : String(first)
        set({ user: userOf(uid), recovery: null })
        if (mode === 'auto') open()
        return snapshot.user as User
      }
      return withCallbacks(run(), callbacks)
    },
    async logout(callbacks?: Callbacks) {
      const error = enter('logout', callbacks ? [callbacks] : [])
      if (error) throw error
      stop(errorOf('ERR_CANCELLED'))
      set({ user: null, status: 'disconnected', intent: 'idle', onlineUsers: [], recovery: null })
    },
    getLoggedInUser: async () => snapshot.user,
    connect(callbacks?: Callbacks) {
      const error = enter('connect', callbacks ? [callbacks] : [])
      const run = (): Promise<void> => {
        if (error) return fail(error)
        if (!snapshot.user) return fail(errorOf('ERR_NOT_LOGGED_IN'))
        if (snapshot.status === 'connected')
          return fail(errorOf('ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE'))
        if (snapshot.status === 'disconnected') open()
        return whenConnected()
      }
      return withCallbacks(run(), callbacks)
    },
    async disconnect(callbacks?: Callbacks) {
      const error = enter('disconnect', callbacks ? [callbacks] : [])
      if (error) throw error
      stop(errorOf('ERR_CANCELLED'))
      set({ status: 'disconnected', intent: 'idle' })
    },
    ping(callbacks?: Callbacks) {
      const error = enter('ping', callbacks ? [callbacks] : [])
      const run = (): Promise<void> => {
        if (error) return fail(error)
        if (mode === 'auto') return fail(errorOf('ERROR_PING_NOT_AVAILABLE'))
        if (!snapshot.user) return fail(errorOf('ERR_NOT_LOGGED_IN'))
        if (snapshot.status !== 'connected') return fail(errorOf('ERR_NOT_CONNECTED'))
        return Promise.resolve()
      }
      return withCallbacks(run(), callbacks)
    },
    sendMessage(receiver: string, text: string, callbacks?: Callbacks<TextMessage>) {
      const error = enter('sendMessage', callbacks ? [receiver, text, callbacks] : [receiver, text])
      const deliver = async (): Promise<TextMessage> => {
        if (typeof receiver !== 'string' || !receiver)
          return fail(invalidArgument('receiver uid', 'a non-empty string', receiver), false)
        if (typeof text !== 'string' || !text.trim())
          return fail(invalidArgument('message text', 'a non-empty string', text), false)
        if (error) return fail(error)
        const user = snapshot.user
        if (!user) return fail(errorOf('ERR_NOT_LOGGED_IN'))
        if (snapshot.status !== 'connected') {
          if (mode === 'auto' && snapshot.appState === 'background')
            return fail(errorOf('ERR_APP_IN_BACKGROUND'))
          if (snapshot.status !== 'connecting' && snapshot.intent !== 'connect')
            return fail(errorOf('ERR_NOT_CONNECTED'))
          set({ pendingSends: snapshot.pendingSends + 1 })
          try {
            await whenConnected()
          } catch (e) {
            return fail(e as CometChatException, false) // a cancellation, as the engine's
          }
          set({ pendingSends: Math.max(0, snapshot.pendingSends - 1) })
        }
        const message = textMessage(text, { sender: user.uid, receiver, sentAt: Date.now() })
        sent.push(message)
        return message
      }
      return withCallbacks(deliver(), callbacks)
    },
    getConnectionStatus: () => snapshot.status,
    getLastDeliveredMessageId: () => lastDelivered,
    getUserAuthToken: () => (snapshot.user ? `fake-token-${snapshot.user.uid}` : null),
    getSnapshot: () => snapshot,
    subscribe(onChange) {
      const entry = () => onChange()
      subscribers.add(entry)
      return () => void subscribers.delete(entry)
    },
    addConnectionListener: (id, l) => add('Connection', id, l),
    removeConnectionListener: (id) => void listeners.Connection.delete(id),
    addMessageListener: (id, l) => add('Message', id, l),
    removeMessageListener: (id) => void listeners.Message.delete(id),
    addUserListener: (id, l) => add('User', id, l),
    removeUserListener: (id) => void listeners.User.delete(id),
    destroy() {
      enter('destroy', [])
      if (destroyed) return
      destroyed = true
      stop(errorOf('ERR_ENGINE_DESTROYED'))
      subscribers.clear()
      for (const map of Object.values(listeners)) map.clear()
    },

    emitMessage(message) {
      const m = typeof message === 'string' ? textMessage(message) : message
      lastDelivered = m.id
      tell('Message', (l) => l.onTextMessageReceived?.(m))
    },
    emitUserOnline(user) {
      const p = presenceOf(user, 'online')
      set({ onlineUsers: [...snapshot.onlineUsers.filter((u) => u.uid !== p.uid), p] })
      tell('User', (l) => l.onUserOnline?.(p))
    },
    emitUserOffline(user) {
      const p = presenceOf(user, 'offline')
      set({ onlineUsers: snapshot.onlineUsers.filter((u) => u.uid !== p.uid) })
      tell('User', (l) => l.onUserOffline?.(p))
    },
    emitConnectionError(error) {
      set({ lastError: error })
      tell('Connection', (l) => l.onConnectionError?.(error))
    },
    emitResumed(replayed) {
      set({ recovery: { resumed: true, replayed } })
      tell('Connection', (l) => l.onResumed?.({ replayed }))
    },
    emitContinuityLost(reason) {
      set({ recovery: { resumed: false, reason } })
      tell('Connection', (l) => l.onContinuityLost?.({ reason, lastDeliveredMessageId: lastDelivered }))
    },
  }

  function add(kind: keyof typeof listeners, id: string, listener: object): () => void {
    if (destroyed) throw errorOf('ERR_ENGINE_DESTROYED')
    const map = listeners[kind] as Map<string, object>
    map.set(id, listener)
    return () => void (map.get(id) === listener && map.delete(id))
  }

  return engine
}
