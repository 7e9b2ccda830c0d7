import type { ConnectionEngine, ConnectionListener, MessageListener, UserListener } from './types.js'

// Helpers for framework bindings (the React, Vue and Angular adapters use them), kept here so each
// adapter stays a thin layer. Not part of `createConnectionEngine`'s bundle unless imported.

/** The engine's actions a binding exposes. */
export type ConnectionActions = Pick<ConnectionEngine, 'login' | 'logout' | 'connect' | 'disconnect' | 'ping'>

/** The names of {@link ConnectionActions}. */
export const CONNECTION_ACTIONS = [
  'login',
  'logout',
  'connect',
  'disconnect',
  'ping',
] as const satisfies readonly (keyof ConnectionActions)[]

/** The actions of `engine` as free functions (destructuring them keeps `this`). */
export function bindActions(engine: ConnectionEngine): ConnectionActions {
  const bound: Record<string, unknown> = {}
  for (const name of CONNECTION_ACTIONS) {
    bound[name] = (...args: never[]) => (engine[name] as (...a: never[]) => unknown)(...args)
  }
  return bound as unknown as ConnectionActions
}

/** The listener kinds of an engine, by the name in its `add…Listener` methods. */
export interface ListenerKinds {
  Connection: ConnectionListener
  Message: MessageListener
  User: UserListener
}

const METHODS = {
  Connection: ['inConnecting', 'onConnected', 'onDisconnected', 'onFeatureThrottled', 'onConnectionError'],
  Message: ['onTextMessageReceived'],
  User: ['onUserOnline', 'onUserOffline'],
} as const

let nextId = 0

/**
 * Registers one listener of `kind` under a fresh id that forwards every call to whatever `current()`
 * returns at that moment, so a binding can swap handlers without re-registering (and never reconnects
 * when a handler changes). Returns the function that removes it.
 *
 * @example
 * ```ts
 * const stop = forwardListener(engine, 'Message', () => latestHandlers)
 * ```
 */
export function forwardListener<K extends keyof ListenerKinds>(
  engine: ConnectionEngine,
  kind: K,
  current: () => ListenerKinds[K] | undefined,
): () => void {
  type Handler = (...args: never[]) => void
  const forwarder: Record<string, Handler> = {}
  for (const method of METHODS[kind]) {
    forwarder[method] = (...args) =>
      (current()?.[method as keyof ListenerKinds[K]] as Handler | undefined)?.(...args)
  }
  const id = `forwarded-${kind}-${++nextId}`
  const any = forwarder as ConnectionListener & MessageListener & UserListener
  engine[`add${kind}Listener`](id, any)
  return () => engine[`remove${kind}Listener`](id)
}
