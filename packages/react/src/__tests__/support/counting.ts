// Counting helpers: WebSocket constructor calls, and the subscriptions an adapter holds on an engine.
import type { ConnectionEngine, WebSocketConstructorLike, WebSocketLike } from '@cometchat-connection/core'

/** A WebSocket class that counts constructor calls, delegating to `Base` (or a socket that never opens). */
export function countingWebSocket(Base?: WebSocketConstructorLike): {
  WebSocket: WebSocketConstructorLike
  readonly count: number
} {
  let count = 0
  const Inert = class implements WebSocketLike {
    readyState = 0
    onopen = null
    onmessage = null
    onerror = null
    onclose = null
    send() {}
    close() {}
  }
  const Impl = Base ?? Inert
  class Counting extends Impl {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      count++
    }
  }
  return {
    WebSocket: Counting,
    get count() {
      return count
    },
  }
}

/** Counts of what an adapter currently holds on an engine. */
export interface Held {
  subscribe: number
  connection: number
  message: number
  user: number
  /** Total calls of `getSnapshot`/`subscribe`, to prove server rendering never touched the engine. */
  reads: number
  /** Total listener registrations (add*Listener calls) so far. */
  adds: number
}

/** Wraps an engine so a test can see how many subscriptions and listeners are active right now. */
export function instrument(engine: ConnectionEngine): { engine: ConnectionEngine; held: () => Held } {
  const held: Held = { subscribe: 0, connection: 0, message: 0, user: 0, reads: 0, adds: 0 }
  const ids = { connection: new Set<string>(), message: new Set<string>(), user: new Set<string>() }
  const track = (kind: 'connection' | 'message' | 'user', id: string, add: boolean) => {
    if (add) {
      ids[kind].add(id)
      held.adds++
    } else ids[kind].delete(id)
    held[kind] = ids[kind].size
  }
  const wrapped: ConnectionEngine = {
    init: () => engine.init(),
    login: (...a) => engine.login(...a),
    logout: (...a) => engine.logout(...a),
    getLoggedInUser: () => engine.getLoggedInUser(),
    connect: (...a) => engine.connect(...a),
    disconnect: (...a) => engine.disconnect(...a),
    ping: (...a) => engine.ping(...a),
    getConnectionStatus: () => engine.getConnectionStatus(),
    addConnectionListener: (id, l) => {
      track('connection', id, true)
      engine.addConnectionListener(id, l)
    },
    removeConnectionListener: (id) => {
      track('connection', id, false)
      engine.removeConnectionListener(id)
    },
    addMessageListener: (id, l) => {
      track('message', id, true)
      engine.addMessageListener(id, l)
    },
    removeMessageListener: (id) => {
      track('message', id, false)
      engine.removeMessageListener(id)
    },
    addUserListener: (id, l) => {
      track('user', id, true)
      engine.addUserListener(id, l)
    },
    removeUserListener: (id) => {
      track('user', id, false)
      engine.removeUserListener(id)
    },
    sendMessage: (...a) => engine.sendMessage(...a),
    getSnapshot: () => {
      held.reads++
      return engine.getSnapshot()
    },
    subscribe: (onChange) => {
      held.reads++
      held.subscribe++
      const off = engine.subscribe(onChange)
      let active = true
      return () => {
        if (active) held.subscribe--
        active = false
        off()
      }
    },
    destroy: () => engine.destroy(),
  }
  return { engine: wrapped, held: () => ({ ...held }) }
}
