import {
  CometChatException,
  type ConnectionEngine,
  type ConnectionSnapshot,
  ErrorCodes,
  type MessageListener,
  type User,
  type UserListener,
} from '@cometchat-connection/core'

/** A ConnectionEngine double: snapshot you set by hand, and counts of everything the adapter touches. */
export interface FakeEngine extends ConnectionEngine {
  /** Replaces fields of the snapshot and notifies subscribers. */
  set(patch: Partial<ConnectionSnapshot>): void
  readonly calls: string[]
  /** For each call, whether it ran inside the Angular zone (zone.js tests). */
  readonly inAngularZone: boolean[]
  subscriberCount(): number
  readonly messageListeners: Map<string, MessageListener>
  readonly userListeners: Map<string, UserListener>
  destroyed: boolean
  initError: CometChatException | null
}

const user = (uid: string): User => ({ uid, name: uid, getUid: () => uid, getName: () => uid })

/** Creates a {@link FakeEngine}; `isInAngularZone` tells where a call ran (defaults to false). */
export function createFakeEngine(isInAngularZone: () => boolean = () => false): FakeEngine {
  let snapshot: ConnectionSnapshot = Object.freeze({
    status: 'disconnected',
    mode: 'auto',
    appState: 'foreground',
    online: true,
    user: null,
    lastError: null,
    backgroundDeadline: null,
    reconnectAttempt: 0,
    nextRetryAt: null,
    intent: 'idle',
    lastTransition: null,
  })
  const subscribers = new Set<() => void>()
  const record = (name: string): void => {
    engine.calls.push(name)
    engine.inAngularZone.push(isInAngularZone())
  }
  const engine: FakeEngine = {
    calls: [],
    inAngularZone: [],
    messageListeners: new Map(),
    userListeners: new Map(),
    destroyed: false,
    initError: null,
    set(patch) {
      snapshot = Object.freeze({ ...snapshot, ...patch })
      for (const cb of [...subscribers]) cb()
    },
    subscriberCount: () => subscribers.size,
    async init() {
      record('init')
      if (engine.initError) throw engine.initError
      return true
    },
    async login(uid) {
      record('login')
      engine.set({ user: user(uid), status: 'connecting' })
      return user(uid)
    },
    async logout() {
      record('logout')
      engine.set({ user: null, status: 'disconnected' })
    },
    getLoggedInUser: async () => snapshot.user,
    async connect() {
      record('connect')
      engine.set({ status: 'connected' })
    },
    async disconnect() {
      record('disconnect')
      engine.set({ status: 'disconnected' })
    },
    async ping() {
      record('ping')
      throw new CometChatException(ErrorCodes.PING_NOT_AVAILABLE)
    },
    getConnectionStatus: () => snapshot.status,
    addConnectionListener() {},
    removeConnectionListener() {},
    addMessageListener: (id, l) => void engine.messageListeners.set(id, l),
    removeMessageListener: (id) => void engine.messageListeners.delete(id),
    addUserListener: (id, l) => void engine.userListeners.set(id, l),
    removeUserListener: (id) => void engine.userListeners.delete(id),
    sendMessage: () => Promise.reject(new CometChatException(ErrorCodes.NOT_CONNECTED)),
    getSnapshot: () => snapshot,
    subscribe(cb) {
      const entry = (): void => cb()
      subscribers.add(entry)
      return () => subscribers.delete(entry)
    },
    destroy() {
      record('destroy')
      engine.destroyed = true
      subscribers.clear()
      engine.messageListeners.clear()
      engine.userListeners.clear()
    },
  }
  return engine
}
