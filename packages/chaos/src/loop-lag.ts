/**
 * How late this process's timers fire (event-loop lag), sampled over the run. An engine's deadline is
 * a timer too: when the loop is busy, its promise settles late by as much, which is the machine's
 * load and not the engine's fault, so a bound check allows the lag measured while the promise waited.
 */
export interface LoopLag {
  /** The largest lag sampled between `from` and `to` (epoch ms), plus one sampling period. */
  allowance(from: number, to: number): number
  /** The largest lag sampled, ms. */
  max(): number
  /** The 99th percentile of the samples, ms. */
  p99(): number
  /** Stops sampling. */
  stop(): void
}

/** Samples every `periodMs` from now until `stop()`. */
export function watchLoopLag(periodMs = 50, now: () => number = Date.now): LoopLag {
  const at: number[] = []
  const lag: number[] = []
  let expected = now() + periodMs
  const timer = setInterval(() => {
    const t = now()
    at.push(t)
    lag.push(Math.max(0, t - expected))
    expected = t + periodMs
  }, periodMs)
  timer.unref()
  return {
    allowance(from, to) {
      let worst = 0
      // A sample at t with lag l is a stall from t - l to t: it counts when it overlaps [from, to].
      for (let i = at.length - 1; i >= 0 && at[i]! >= from; i--)
        if (at[i]! - lag[i]! <= to + periodMs) worst = Math.max(worst, lag[i]!)
      return worst + periodMs
    },
    max: () => lag.reduce((a, b) => Math.max(a, b), 0),
    p99() {
      if (lag.length === 0) return 0
      const sorted = [...lag].sort((a, b) => a - b)
      return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!
    },
    stop: () => clearInterval(timer),
  }
}
