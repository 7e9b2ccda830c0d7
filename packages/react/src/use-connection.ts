import {
  bindActions,
  type ConnectionActions,
  type ConnectionSnapshot,
  SERVER_SNAPSHOT,
  serverActions,
} from '@cometchat-connection/core'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useProvidedEngine } from './use-engine.js'

const noop = () => {}

/** What {@link useCometChatConnection} returns: the current snapshot's fields plus the actions (core's `bindActions`). */
export type CometChatConnection = ConnectionSnapshot & ConnectionActions

/**
 * One value picked from the snapshot: the component re-renders only when that value changes (compared
 * with `Object.is`). Pick a field or compute a primitive; a new object on every call would never be
 * equal.
 *
 * @example
 * ```tsx
 * function StatusBadge() {
 *   const status = useCometChatConnection((s) => s.status) // not re-rendered by other changes
 *   return <output>{status}</output>
 * }
 * ```
 */
export function useCometChatConnection<T>(select: (snapshot: ConnectionSnapshot) => T): T
/**
 * The connection state of the provided engine and its actions, re-rendering on every snapshot change.
 *
 * Built on `useSyncExternalStore(engine.subscribe, engine.getSnapshot, getServerSnapshot)`: no tearing
 * in concurrent rendering, and on the server (or while hydrating) it renders {@link SERVER_SNAPSHOT}
 * (`disconnected`) without touching the engine. The hook never opens a socket itself.
 *
 * The actions (`login`, `logout`, `connect`, `disconnect`, `ping`, `sendMessage`) are stable. Call
 * them from an event handler without a `catch`: a failure lands in `lastError`, which the component
 * renders (awaiting one still sees the rejection).
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` outside a {@link CometChatProvider}.
 *
 * @example
 * ```tsx
 * function Login() {
 *   const { user, lastError, login, logout } = useCometChatConnection()
 *   if (user) return <button onClick={() => logout()}>Log out {user.uid}</button>
 *   return <>
 *     <button onClick={() => login({ uid: 'alice', authKey: 'demo-auth-key' })}>Log in</button>
 *     {lastError && <p role="alert">{lastError.code}</p>}
 *   </>
 * }
 * ```
 */
export function useCometChatConnection(): CometChatConnection
export function useCometChatConnection<T>(
  select?: (snapshot: ConnectionSnapshot) => T,
): CometChatConnection | T {
  const engine = useProvidedEngine()
  const subscribe = useCallback((onChange: () => void) => engine?.subscribe(onChange) ?? noop, [engine])
  const pick = select ?? ((s: ConnectionSnapshot) => s)
  const value = useSyncExternalStore(
    subscribe,
    () => pick(engine?.getSnapshot() ?? SERVER_SNAPSHOT),
    () => pick(SERVER_SNAPSHOT),
  )
  const actions = useMemo(() => (engine ? bindActions(engine) : serverActions()), [engine])
  const selecting = select !== undefined
  return useMemo(
    () => (selecting ? (value as T) : { ...(value as ConnectionSnapshot), ...actions }),
    [selecting, value, actions],
  )
}
