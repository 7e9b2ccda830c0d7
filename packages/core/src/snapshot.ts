import type { MachineState } from './machine/state.js'
import { toUser } from './models.js'
import type { ConnectionSnapshot, TransitionRecord, User } from './types.js'

/**
 * Derives the public snapshot from the machine state. A new (frozen) object only when a field
 * changed, so `useSyncExternalStore` and friends never loop.
 */
export function createSnapshotBuilder() {
  let user: User | null = null
  let userSource: MachineState['session'] = null
  const builder = {
    current: null as unknown as ConnectionSnapshot,
    /** Returns true when the snapshot changed. */
    update(s: MachineState, moved: TransitionRecord | null | undefined): boolean {
      if (s.session?.user !== userSource?.user) {
        userSource = s.session
        user = s.session && toUser(s.session.user)
      }
      const prev: ConnectionSnapshot | null = builder.current
      const next: ConnectionSnapshot = {
        status: s.status,
        mode: s.mode,
        appState: s.appState,
        online: s.online,
        user,
        lastError: s.lastError,
        backgroundDeadline: s.backgroundDeadline,
        reconnectAttempt: s.attempt,
        nextRetryAt: s.retryAt,
        intent: s.session && s.intent ? 'connect' : 'idle',
        lastTransition: moved ?? prev?.lastTransition ?? null,
      }
      if (prev && (Object.keys(next) as Array<keyof ConnectionSnapshot>).every((k) => prev[k] === next[k]))
        return false
      builder.current = Object.freeze(next)
      return true
    },
  }
  return builder
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
})
