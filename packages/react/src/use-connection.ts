import type { ConnectionEngine, ConnectionSnapshot } from '@cometchat-connection/core'
import { SERVER_SNAPSHOT } from '@cometchat-connection/core'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useCometChatEngine } from './use-engine.js'

/** The engine's actions, bound to it. Each one is stable for the life of the engine. */
export interface ConnectionActions {
  /** `engine.login(uidOrAuthToken, authKey?)`: logs in; in auto mode the socket then opens. */
  readonly login: ConnectionEngine['login']
  /** `engine.logout()`: closes the socket and clears the session. */
  readonly logout: ConnectionEngine['logout']
  /** `engine.connect()`: opens the socket now (manual mode, or after `disconnect()`). */
  readonly connect: ConnectionEngine['connect']
  /** `engine.disconnect()`: closes the socket and suspends automatic connection. */
  readonly disconnect: ConnectionEngine['disconnect']
  /** `engine.ping()`: manual mode only; keeps a backgrounded socket alive. */
  readonly ping: ConnectionEngine['ping']
}

/** What {@link useCometChatConnection} returns: the current snapshot's fields plus the actions. */
export type CometChatConnection = ConnectionSnapshot & ConnectionActions

const actionNames = [
  'login',
  'logout',
  'connect',
  'disconnect',
  'ping',
] as const satisfies readonly (keyof ConnectionActions)[]

const getServerSnapshot = (): ConnectionSnapshot => SERVER_SNAPSHOT

/**
 * The connection state of the provided engine, re-rendering on every snapshot change, and its actions.
 *
 * Built on `useSyncExternalStore(engine.subscribe, engine.getSnapshot, getServerSnapshot)`: no tearing
 * in concurrent rendering, and on the server (or while hydrating) it renders {@link SERVER_SNAPSHOT}
 * (`disconnected`) without touching the engine. The hook never opens a socket itself.
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` outside a {@link CometChatProvider}.
 *
 * @example
 * ```tsx
 * function Status() {
 *   const { status, user, lastError, login, logout } = useCometChatConnection()
 *   return user
 *     ? <button onClick={() => logout()}>{user.uid}: {status}</button>
 *     : <button onClick={() => login('alice', 'demo-auth-key').catch(() => {})}>Log in</button>
 * }
 * ```
 */
export function useCometChatConnection(): CometChatConnection {
  const engine = useCometChatEngine()
  const subscribe = useCallback((onChange: () => void) => engine.subscribe(onChange), [engine])
  const getSnapshot = useCallback(() => engine.getSnapshot(), [engine])
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
  const actions = useMemo(() => {
    const bound: Record<string, unknown> = {}
    for (const name of actionNames) {
      bound[name] = (...args: never[]) => (engine[name] as (...a: never[]) => unknown)(...args)
    }
    return bound as unknown as ConnectionActions
  }, [engine])
  return useMemo(() => ({ ...snapshot, ...actions }), [snapshot, actions])
}
