import {
  bindActions,
  type ConnectionActions,
  type ConnectionSnapshot,
  SERVER_SNAPSHOT,
} from '@cometchat-connection/core'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useCometChatEngine } from './use-engine.js'

/** What {@link useCometChatConnection} returns: the current snapshot's fields plus the actions (core's `bindActions`). */
export type CometChatConnection = ConnectionSnapshot & ConnectionActions

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
  const actions = useMemo(() => bindActions(engine), [engine])
  return useMemo(() => ({ ...snapshot, ...actions }), [snapshot, actions])
}
