import type { LockManagerLike } from './ports.js'

/** This tab's side of the app's Web Lock: whoever holds it is the leader tab. */
export interface Leadership {
  /**
   * Waits for the lock (true), or withdraws a request not granted yet (false). A lock granted while
   * it is no longer wanted is given back at once, so it passes to the next tab in line.
   */
  want(yes: boolean): void
  /** Gives the lock back, if held. */
  release(): void
}

/**
 * Requests the lock `name` whenever {@link Leadership.want} says so; `granted` runs when this tab
 * becomes the leader. The lock stays held until {@link Leadership.release}, or until the browser
 * releases it because the tab closed or crashed. `unavailable` runs when a request fails for another
 * reason than being withdrawn (an opaque origin's `SecurityError`): no tab will ever get the lock.
 */
export function leadership(
  locks: LockManagerLike,
  name: string,
  granted: () => void,
  unavailable: () => void,
): Leadership {
  let pending: AbortController | null = null
  let release: (() => void) | null = null
  let wanted = false
  return {
    want(yes) {
      wanted = yes
      if (yes && !pending && !release) {
        const request = new AbortController()
        pending = request
        locks
          .request(name, { signal: request.signal }, () => {
            if (pending === request) pending = null
            if (!wanted) return Promise.resolve()
            return new Promise<void>((resolve) => {
              release = resolve
              granted()
            })
          })
          .catch((e: unknown) => {
            // Withdrawn (AbortError): nothing to do, a new request is made when wanted again.
            if (pending === request) pending = null
            if ((e as { name?: unknown } | null)?.name !== 'AbortError') unavailable()
          })
      } else if (!yes && pending) {
        pending.abort()
        pending = null
      }
    },
    release() {
      const give = release
      release = null
      give?.()
    },
  }
}
