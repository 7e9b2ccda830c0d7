import type { Clock } from '../types.js'

/** The other tabs of the app that are visible, as far as their heartbeats tell. */
export interface VisibleTabs {
  /** Tab `tab` said it is visible (again) or hidden; `visible: false` also for a tab going away. */
  saw(tab: string, visible: boolean): void
  /** Whether at least one other tab is visible. */
  any(): boolean
  /** Stops the expiry timer. */
  stop(): void
}

/**
 * Which other tabs are visible. A visible tab repeats its `vis` message every heartbeat; one that falls
 * silent (crashed, killed, hung) stops counting `boundMs` after its last heartbeat, when a timer notices
 * (hidden tabs need no heartbeat: they count for nothing). `onChange` runs whenever {@link VisibleTabs.any}
 * changes.
 */
export function visibleTabs(clock: Clock, boundMs: number, onChange: () => void): VisibleTabs {
  const until = new Map<string, number>()
  let timer: unknown
  let armedAt: number | null = null
  let last = false

  const update = () => {
    const now = clock.now()
    for (const [tab, at] of until) if (at <= now) until.delete(tab)
    const next = Math.min(...until.values())
    if (armedAt !== next) {
      if (armedAt !== null) clock.clearTimeout(timer)
      armedAt = Number.isFinite(next) ? next : null
      if (armedAt !== null)
        timer = clock.setTimeout(
          () => {
            armedAt = null // fired (perhaps a little early: then it re-arms)
            update()
          },
          Math.max(0, armedAt - now),
        )
    }
    if (last !== until.size > 0) {
      last = !last
      onChange()
    }
  }

  return {
    saw(tab, visible) {
      if (visible) until.set(tab, clock.now() + boundMs)
      else until.delete(tab)
      update()
    },
    any: () => last,
    stop() {
      if (armedAt !== null) clock.clearTimeout(timer)
      armedAt = null
    },
  }
}
