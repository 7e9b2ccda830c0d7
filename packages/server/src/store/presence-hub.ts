import type { WireUser } from '@cometchat-connection/core'

/** A user came online or went offline, anywhere in the cluster. */
export interface PresenceChange {
  /** Who. */
  readonly user: WireUser
  /** What happened. */
  readonly status: 'online' | 'offline'
  /** When, epoch ms (the clock of the process that saw it). */
  readonly at: number
}

/** A user who is online, and since when. */
export interface OnlineEntry {
  /** Who. */
  readonly user: WireUser
  /** Online since, epoch ms. */
  readonly at: number
}

/**
 * Who is online across every process. Each process tells the hub when it gets a user's first socket
 * ({@link join}) and loses their last ({@link leave}); the hub decides when the user comes online or goes
 * offline for the whole cluster and reports each change through the backend's `presence` event, in the
 * order they happened. A process that dies without leaving has its users go offline within the hub's
 * documented bound.
 */
export interface PresenceHub {
  /**
   * This process has its first authenticated socket of `user`. Resolves once the change is visible in
   * {@link online} (at once in memory); never rejects (a failure is retried by the hub itself).
   */
  join(user: WireUser, at: number): void | Promise<void>
  /** This process's last socket of `uid` closed. Never throws (a failure is retried by the hub itself). */
  leave(uid: string, at: number): void
  /** Everyone online as this process knows it, in the order they came online. */
  online(): readonly OnlineEntry[]
}

/** The in-memory {@link PresenceHub}: one process is the whole cluster, so every change is reported at once. */
export function createMemoryPresenceHub(report: (change: PresenceChange) => void): PresenceHub {
  const online = new Map<string, OnlineEntry>()
  return {
    join(user, at) {
      if (online.has(user.uid)) return
      online.set(user.uid, { user, at })
      report({ user, status: 'online', at })
    },
    leave(uid, at) {
      const entry = online.get(uid)
      if (!entry) return
      online.delete(uid)
      report({ user: entry.user, status: 'offline', at })
    },
    online() {
      return [...online.values()]
    },
  }
}
