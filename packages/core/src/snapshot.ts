import type { MachineState } from './machine/state.js'
import { toUser } from './models.js'
import type { ConnectionSnapshot, TransitionRecord, User } from './types.js'

/**
 * Derives the public snapshot from the machine state. A new (frozen) object only when a field
 * changed, so `useSyncExternalStore` and friends never loop.
 */
export class SnapshotBuilder {
  current!: ConnectionSnapshot
  private user: User | null = null
  private userSource: MachineState['session'] = null

  /** Returns true when the snapshot changed. */
  update(s: MachineState, transition: TransitionRecord | null | undefined): boolean {
    if (s.session?.user !== this.userSource?.user) {
      this.userSource = s.session
      this.user = s.session ? toUser(s.session.user) : null
    }
    const prev = this.current as ConnectionSnapshot | undefined
    const next: ConnectionSnapshot = {
      status: s.status,
      mode: s.mode,
      appState: s.appState,
      online: s.online,
      user: this.user,
      lastError: s.lastError,
      backgroundDeadline: s.backgroundDeadline,
      reconnectAttempt: s.attempt,
      nextRetryAt: s.retryAt,
      intent: (s.mode === 'auto' ? !s.suspended : s.manualWanted) && s.session ? 'connect' : 'idle',
      lastTransition: transition ?? prev?.lastTransition ?? null,
    }
    if (
      prev &&
      (Object.keys(next) as Array<keyof ConnectionSnapshot>).every((k) => Object.is(prev[k], next[k]))
    ) {
      return false
    }
    this.current = Object.freeze(next)
    return true
  }
}
