/**
 * The run's own timers (schedules, an app's delayed re-login), kept so the run can stop them all at
 * once and the process ends without waiting for any.
 */
export class Timers {
  private readonly handles = new Set<ReturnType<typeof setTimeout>>()
  private stopped = false

  /** Runs `fn` after `ms`, unless {@link stopAll} comes first. */
  later(ms: number, fn: () => void): void {
    if (this.stopped) return
    const handle = setTimeout(() => {
      this.handles.delete(handle)
      fn()
    }, ms)
    this.handles.add(handle)
  }

  /** Runs `fn` at random moments (gaps drawn by `gap`) until {@link stopAll}. */
  every(gap: () => number, fn: () => void): void {
    this.later(gap(), () => {
      fn()
      this.every(gap, fn)
    })
  }

  /** Cancels every pending timer; later calls schedule nothing. */
  stopAll(): void {
    this.stopped = true
    for (const handle of this.handles) clearTimeout(handle)
    this.handles.clear()
  }
}
