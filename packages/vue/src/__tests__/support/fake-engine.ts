// A small in-memory ConnectionEngine for adapter unit tests: no network, opens its "socket" through the
// WebSocket constructor it is given (so constructor counting works), and lets tests emit events.
import {
  CometChatException,
  type ConnectionEngine,
  type ConnectionListener,
  type ConnectionSnapshot,
  ErrorCodes,
  type MessageListener,
  type TextMessage,
  type User,
  type UserListener,
  type WebSocketConstructorLike,
} from '@cometchat-connection/core'

export interface FakeEngine extends ConnectionEngine {
  emitMessage(message: TextMessage): void
  emitUserOnline(uid: string): void
  emitConnectionError(error: CometChatException): void
  readonly listenerCounts: { connection: number; message: number; user: number; snapshot: number }
}

const makeUser = (uid: string): User => ({ uid, name: uid, getUid: () => uid, getName: () => uid })

export function createFakeEngine(options: {
  WebSocket: WebSocketConstructorLike
  mode?: 'auto' | 'manual'
}): FakeEngine {
  let snapshot: ConnectionSnapshot = Object.freeze({
    status: 'disconnected',
    mode: options.mode ?? 'auto',
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
  const connection = new Map<string, ConnectionListener>()
  const messages = new Map<string, MessageListener>()
  const users = new Map<string, UserListener>()
  const set = (patch: Partial<ConnectionSnapshot>) => {
    snapshot = Object.freeze({ ...snapshot, ...patch })
    for (const s of [...subscribers]) s()
  }
  const open = async () => {
    set({ status: 'connecting', intent: 'connect' })
    for (const l of connection.values()) l.inConnecting?.()
    new options.WebSocket('ws://fake.invalid/v1/ws')
    await Promise.resolve()
    set({ status: 'connected' })
    for (const l of connection.values()) l.onConnected?.()
  }
  const fail = (code: string): Promise<never> => {
    const error = new CometChatException(code)
    set({ lastError: error })
    return Promise.reject(error)
  }
  return {
    init: async () => true,
    login: async (uid) => {
      const user = makeUser(uid)
      set({ user })
      if (snapshot.mode === 'auto') await open()
      return user
    },
    logout: async () => set({ user: null, status: 'disconnected', intent: 'idle' }),
    getLoggedInUser: async () => snapshot.user,
    connect: async () => {
      if (!snapshot.user) return fail(ErrorCodes.NOT_LOGGED_IN)
      if (snapshot.status === 'connected') return fail(ErrorCodes.ALREADY_CONNECTED)
      await open()
    },
    disconnect: async () => set({ status: 'disconnected', intent: 'idle' }),
    ping: async () => (snapshot.mode === 'auto' ? fail(ErrorCodes.PING_NOT_AVAILABLE) : undefined),
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
      subscribers.clear()
      connection.clear()
      messages.clear()
      users.clear()
    },
    emitMessage: (m) => {
      for (const l of messages.values()) l.onTextMessageReceived?.(m)
    },
    emitUserOnline: (uid) => {
      for (const l of users.values()) l.onUserOnline?.({ uid, name: uid, status: 'online', lastActiveAt: 0 })
    },
    emitConnectionError: (e) => {
      for (const l of connection.values()) l.onConnectionError?.(e)
    },
    get listenerCounts() {
      return {
        connection: connection.size,
        message: messages.size,
        user: users.size,
        snapshot: subscribers.size,
      }
    },
  }
}

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
