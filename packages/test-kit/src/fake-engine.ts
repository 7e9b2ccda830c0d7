import {
  CometChatException,
  type ConnectionEngine,
  type ConnectionListener,
  type ConnectionMode,
  type ConnectionSnapshot,
  ErrorCodes,
  type MessageListener,
  SERVER_SNAPSHOT,
  type TextMessage,
  type User,
  type UserListener,
  type WebSocketConstructorLike,
} from '@cometchat-connection/core'
import { InertWebSocket } from './inert-web-socket.js'

/** Options of {@link createFakeEngine}. */
export interface FakeEngineOptions {
  /** `auto` (default): login opens the socket, as the real engine does. `manual`: only `connect()` does. */
  mode?: ConnectionMode
  /** The class each open constructs one socket with: pass a counting one to count. Default {@link InertWebSocket}. */
  WebSocket?: WebSocketConstructorLike
  /**
   * `true` (default): an open reaches `connected` one microtask after its socket is constructed.
   * `false`: it stays `connecting` until the test calls `set({ status: 'connected' })`, as a socket
   * callback would.
   */
  socketOpens?: boolean
  /** Called as each recorded action starts (see {@link FakeEngine.calls}), e.g. to note the zone it runs in. */
  onCall?: (name: string) => void
}

/**
 * An in-memory {@link ConnectionEngine} for adapter unit tests: no network, a snapshot you can also set
 * by hand, events you emit, and counts of everything an adapter holds.
 */
export interface FakeEngine extends ConnectionEngine {
  /** Replaces fields of the snapshot (a new frozen object) and notifies subscribers. */
  set(patch: Partial<ConnectionSnapshot>): void
  /** Actions called so far, in order: `init`, `login`, `logout`, `connect`, `disconnect`, `ping`, `destroy`. */
  readonly calls: readonly string[]
  /** Snapshot subscribers and listeners of each kind registered right now. */
  readonly listenerCounts: { snapshot: number; connection: number; message: number; user: number }
  /** When set, `init()` rejects with it. */
  initError: CometChatException | null
  /** Whether `destroy()` was called. */
  readonly destroyed: boolean
  /** Delivers a message to every message listener. */
  emitMessage(message: TextMessage): void
  /** Tells every user listener that `uid` came online. */
  emitUserOnline(uid: string): void
  /** Tells every user listener that `uid` went offline. */
  emitUserOffline(uid: string): void
  /** Reports an error to every connection listener. */
  emitConnectionError(error: CometChatException): void
}

const makeUser = (uid: string): User => ({ uid, name: uid, getUid: () => uid, getName: () => uid })

/**
 * Creates a {@link FakeEngine}. It follows the real engine where adapters can tell: login in auto mode
 * opens a socket (through `options.WebSocket`, so constructor counting works), `connect()` rejects
 * `ERR_NOT_LOGGED_IN` / `ERR_ALREADY_CONNECTED`, `ping()` rejects `ERROR_PING_NOT_AVAILABLE` in auto mode.
 *
 * @example
 * ```ts
 * const counting = createCountingWebSocket(InertWebSocket)
 * const fake = createFakeEngine({ WebSocket: counting.WebSocket })
 * await fake.login('alice')
 * fake.emitMessage(textMessage('hi'))
 * expect(counting.count()).toBe(1)
 * ```
 */
export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const { WebSocket = InertWebSocket, socketOpens = true } = options
  let snapshot: ConnectionSnapshot = Object.freeze({ ...SERVER_SNAPSHOT, mode: options.mode ?? 'auto' })
  let destroyed = false
  const calls: string[] = []
  const subscribers = new Set<() => void>()
  const connection = new Map<string, ConnectionListener>()
  const messages = new Map<string, MessageListener>()
  const users = new Map<string, UserListener>()
  const record = (name: string) => {
    calls.push(name)
    options.onCall?.(name)
  }
  const set = (patch: Partial<ConnectionSnapshot>) => {
    snapshot = Object.freeze({ ...snapshot, ...patch })
    for (const s of [...subscribers]) s()
  }
  const open = async () => {
    set({ status: 'connecting', intent: 'connect' })
    for (const l of connection.values()) l.inConnecting?.()
    new WebSocket('ws://fake.invalid/v1/ws')
    if (!socketOpens) return
    await Promise.resolve()
    set({ status: 'connected' })
    for (const l of connection.values()) l.onConnected?.()
  }
  const fail = (code: string): Promise<never> => {
    const error = new CometChatException(code)
    set({ lastError: error })
    return Promise.reject(error)
  }
  const presence = (uid: string, status: 'online' | 'offline') => ({
    uid,
    name: uid,
    status,
    lastActiveAt: 0,
  })
  const engine: FakeEngine = {
    calls,
    initError: null,
    get destroyed() {
      return destroyed
    },
    set,
    async init() {
      record('init')
      if (engine.initError) throw engine.initError
      return true
    },
    login: async (uid) => {
      record('login')
      const user = makeUser(uid)
      set({ user })
      if (snapshot.mode === 'auto') await open()
      return user
    },
    logout: async () => {
      record('logout')
      set({ user: null, status: 'disconnected', intent: 'idle' })
    },
    getLoggedInUser: async () => snapshot.user,
    connect: async () => {
      record('connect')
      if (!snapshot.user) return fail(ErrorCodes.NOT_LOGGED_IN)
      if (snapshot.status === 'connected') return fail(ErrorCodes.ALREADY_CONNECTED)
      await open()
    },
    disconnect: async () => {
      record('disconnect')
      set({ status: 'disconnected', intent: 'idle' })
    },
    ping: async () => {
      record('ping')
      if (snapshot.mode === 'auto') return fail(ErrorCodes.PING_NOT_AVAILABLE)
    },
    getConnectionStatus: () => snapshot.status,
    addConnectionListener: (id, l) => void connection.set(id, l),
    removeConnectionListener: (id) => void connection.delete(id),
    addMessageListener: (id, l) => void messages.set(id, l),
    removeMessageListener: (id) => void messages.delete(id),
    addUserListener: (id, l) => void users.set(id, l),
    removeUserListener: (id) => void users.delete(id),
    sendMessage: () => fail(ErrorCodes.NOT_CONNECTED),
    getSnapshot: () => snapshot,
    subscribe: (onChange) => {
      const entry = () => onChange()
      subscribers.add(entry)
      return () => void subscribers.delete(entry)
    },
    destroy: () => {
      record('destroy')
      destroyed = true
      subscribers.clear()
      connection.clear()
      messages.clear()
      users.clear()
    },
    emitMessage: (m) => {
      for (const l of messages.values()) l.onTextMessageReceived?.(m)
    },
    emitUserOnline: (uid) => {
      for (const l of users.values()) l.onUserOnline?.(presence(uid, 'online'))
    },
    emitUserOffline: (uid) => {
      for (const l of users.values()) l.onUserOffline?.(presence(uid, 'offline'))
    },
    emitConnectionError: (e) => {
      for (const l of connection.values()) l.onConnectionError?.(e)
    },
    get listenerCounts() {
      return {
        snapshot: subscribers.size,
        connection: connection.size,
        message: messages.size,
        user: users.size,
      }
    },
  }
  return engine
}

/**
 * A text message from `bob` to `alice`, as {@link FakeEngine.emitMessage} takes it.
 *
 * @example
 * ```ts
 * fake.emitMessage(textMessage('hi'))
 * ```
 */
export function textMessage(text: string): TextMessage {
  return {
    id: '1',
    sender: 'bob',
    receiver: 'alice',
    text,
    sentAt: 0,
    getText: () => text,
    getSender: () => 'bob',
  }
}
