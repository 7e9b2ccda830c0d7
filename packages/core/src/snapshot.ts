import type { MachineState } from './machine/state.js'
import type { ConnectionSnapshot, TransitionRecord } from './types.js'

/**
 * The public snapshot of the machine state: `prev` itself when no field changed, else a new frozen
 * object, so `useSyncExternalStore` and friends never loop. The user is the session's own (frozen),
 * the same object for the whole session.
 */
export function snapshotOf(
  prev: ConnectionSnapshot | null,
  s: MachineState,
  moved?: TransitionRecord,
): ConnectionSnapshot {
  const next = {
    status: s.status,
    mode: s.mode,
    appState: s.appState,
    online: s.online,
    user: s.session?.user ?? null,
    lastError: s.lastError,
    backgroundDeadline: s.backgroundDeadline,
    reconnectAttempt: s.attempt,
    nextRetryAt: s.retryAt,
    intent: s.session && s.intent ? 'connect' : 'idle',
    lastTransition: moved ?? prev?.lastTransition ?? null,
    loggingIn: s.loggingIn,
    pendingSends: s.outbox.end - s.outbox.start,
    recovery: s.recovery,
    onlineUsers: s.onlineUsers,
  } as ConnectionSnapshot
  return prev && (Object.keys(next) as Array<keyof ConnectionSnapshot>).every((k) => prev[k] === next[k])
    ? prev
    : Object.freeze(next)
}

/**
 * The snapshot to render on the server (SSR) and during hydration: disconnected, nobody logged in.
 * Adapters pass it as `getServerSnapshot` so server rendering reads no engine and no browser global.
 */
export const SERVER_SNAPSHOT: ConnectionSnapshot = /* @__PURE__ */ Object.freeze({
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
  loggingIn: false,
  pendingSends: 0,
  recovery: null,
  onlineUsers: [],
})
