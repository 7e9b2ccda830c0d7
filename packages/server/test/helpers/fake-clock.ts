import type { Clock } from '@cometchat-connection/core'

/** A clock whose time only moves when the test says so; timers fire in due order during `advance()`. */
export class FakeClock implements Clock {
  private time: number
  private nextId = 1
  private readonly timers = new Map<number, { due: number; cb: () => void }>()

  constructor(start = 1_700_000_000_000) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimeout(cb: () => void, ms: number): unknown {
    const id = this.nextId++
    this.timers.set(id, { due: this.time + Math.max(0, ms), cb })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  /** Timers still pending. */
  pendingCount(): number {
    return this.timers.size
  }

  /** Moves time forward by `ms`, firing every timer that falls due, earliest first (including ones set meanwhile). */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let nextId: number | undefined
      let next: { due: number; cb: () => void } | undefined
      for (const [id, timer] of this.timers) {
        if (timer.due <= end && (!next || timer.due < next.due)) {
          next = timer
          nextId = id
        }
      }
      if (!next || nextId === undefined) break
      this.timers.delete(nextId)
      this.time = Math.max(this.time, next.due)
      next.cb()
    }
    this.time = end
  }
}
