import type { ConnectionEngine, ConnectionStatus } from '@cometchat-connection/core'

/**
 * Resolves once `read()` returns `status`, re-checking after every engine change (the service's own
 * subscription runs first, so its signals are current). Records every status seen, in order.
 */
export function untilStatus(
  engine: ConnectionEngine,
  read: () => ConnectionStatus,
  status: ConnectionStatus,
  seen: ConnectionStatus[] = [],
): Promise<ConnectionStatus[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const now = read()
      if (seen.at(-1) !== now) seen.push(now)
      return now === status
    }
    if (check()) return resolve(seen)
    const off = engine.subscribe(() => {
      if (!check()) return
      off()
      resolve(seen)
    })
  })
}
