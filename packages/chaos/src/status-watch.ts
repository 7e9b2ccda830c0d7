import type { ConnectionEngine, ConnectionStatus } from '@cometchat-connection/core'
import type { Violations } from './violations.js'

/** What a {@link watchStatus} saw of one engine. */
export interface StatusWatch {
  /** The status the listeners last heard. */
  heard(): ConnectionStatus
  /** Status events heard so far. */
  events(): number
  /** When the status last changed, epoch ms. */
  changedAt(): number
  /** When the engine became `connected` and stayed so from `from` to `to` (epoch ms), or null when it did not. */
  connectedThrough(from: number, to: number): number | null
  /** Removes the listener and the subscription. */
  stop(): void
}

/**
 * Checks that the connection listeners and the snapshot agree (SPEC I2): the status from `inConnecting`,
 * `onConnected` and `onDisconnected` equals `getSnapshot().status` once the event has settled (at the
 * snapshot's change notification, and in a microtask after each event), and no status is heard twice
 * in a row.
 */
export function watchStatus(
  engine: Pick<ConnectionEngine, 'getSnapshot' | 'addConnectionListener' | 'subscribe'>,
  who: string,
  violations: Violations,
  now: () => number = Date.now,
): StatusWatch {
  let heard: ConnectionStatus = engine.getSnapshot().status
  let count = 0
  let changedAt = now()
  /** Periods of `connected`: [start, end] (end Infinity while it lasts). */
  const periods: Array<[number, number]> = []
  const compare = (when: string) => {
    const actual = engine.getSnapshot().status
    if (actual !== heard)
      violations.add(
        'snapshot vs listeners',
        `${who}: the listeners last heard '${heard}' but getSnapshot().status is '${actual}' (${when})`,
      )
  }
  const hear = (status: ConnectionStatus) => {
    if (status === heard)
      violations.add('status repeated', `${who}: listeners heard '${status}' twice in a row (I2)`)
    heard = status
    count++
    changedAt = now()
    const open = periods.at(-1)
    if (open && open[1] === Number.POSITIVE_INFINITY) open[1] = changedAt
    if (status === 'connected') periods.push([changedAt, Number.POSITIVE_INFINITY])
    queueMicrotask(() => compare('a microtask after the event'))
  }
  const removeListener = engine.addConnectionListener('chaos-status', {
    inConnecting: () => hear('connecting'),
    onConnected: () => hear('connected'),
    onDisconnected: () => hear('disconnected'),
  })
  const unsubscribe = engine.subscribe(() => compare('at the snapshot change'))
  return {
    heard: () => heard,
    events: () => count,
    changedAt: () => changedAt,
    connectedThrough(from, to) {
      for (let i = periods.length - 1; i >= 0; i--) {
        const [start, end] = periods[i]!
        if (start <= from) return end >= to ? start : null
      }
      return null
    },
    stop() {
      removeListener()
      unsubscribe()
    },
  }
}
