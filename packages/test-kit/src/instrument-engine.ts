import type { ConnectionEngine } from '@cometchat-connection/core'

/** What an adapter holds on an engine right now, and what it did so far. */
export interface EngineUsage {
  /** Active `subscribe()` subscriptions. */
  subscribe: number
  /** Active connection listeners (added and not yet removed). */
  connection: number
  /** Active message listeners. */
  message: number
  /** Active user listeners. */
  user: number
  /** Calls of `getSnapshot`/`subscribe` so far: 0 proves that server rendering never touched the engine. */
  reads: number
  /** Listener registrations (`add*Listener` calls) so far: unchanged proves a handler swap did not re-register. */
  adds: number
}

/**
 * Wraps an engine so a test can see how many subscriptions and listeners an adapter holds on it, and
 * whether it read the engine at all. Pass the wrapped engine to the adapter; the original does the work.
 *
 * @example
 * ```ts
 * const { engine, held } = instrumentEngine(createFakeEngine())
 * const view = render(<CometChatProvider engine={engine}>…</CometChatProvider>)
 * view.unmount()
 * expect(held()).toMatchObject({ subscribe: 0, connection: 0, message: 0, user: 0 })
 * ```
 */
export function instrumentEngine(engine: ConnectionEngine): {
  engine: ConnectionEngine
  held: () => EngineUsage
} {
  const held: EngineUsage = { subscribe: 0, connection: 0, message: 0, user: 0, reads: 0, adds: 0 }
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
    // One signature for both overloads of login (an object, or CometChat's positional form).
    login: ((...a: [string]) => engine.login(...a)) as ConnectionEngine['login'],
    logout: (...a) => engine.logout(...a),
    getLoggedInUser: () => engine.getLoggedInUser(),
    connect: (...a) => engine.connect(...a),
    disconnect: (...a) => engine.disconnect(...a),
    ping: (...a) => engine.ping(...a),
    getConnectionStatus: () => engine.getConnectionStatus(),
    addConnectionListener: (id, l) => {
      track('connection', id, true)
      const off = engine.addConnectionListener(id, l)
      return () => {
        track('connection', id, false)
        off()
      }
    },
    removeConnectionListener: (id) => {
      track('connection', id, false)
      engine.removeConnectionListener(id)
    },
    addMessageListener: (id, l) => {
      track('message', id, true)
      const off = engine.addMessageListener(id, l)
      return () => {
        track('message', id, false)
        off()
      }
    },
    removeMessageListener: (id) => {
      track('message', id, false)
      engine.removeMessageListener(id)
    },
    addUserListener: (id, l) => {
      track('user', id, true)
      const off = engine.addUserListener(id, l)
      return () => {
        track('user', id, false)
        off()
      }
    },
    removeUserListener: (id) => {
      track('user', id, false)
      engine.removeUserListener(id)
    },
    sendMessage: (...a) => engine.sendMessage(...a),
    getLastDeliveredMessageId: () => engine.getLastDeliveredMessageId(),
    getUserAuthToken: () => engine.getUserAuthToken(),
    get settings() {
      return engine.settings
    },
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
