/**
 * SPEC I1 as the proxies see it. When an engine closes a socket and opens the next one at once, its
 * close frame and its new connection race to the proxy, so two WebSockets may look open for a moment
 * there; that is not a second socket. Two for longer than `graceMs` is one (the exact check, at the
 * engine's WebSocket constructor, has no such race).
 */
export class OverlapWatch {
  /** Overlaps that ended within the grace period. */
  transient = 0
  private readonly since = new Map<string, number>()
  private readonly flagged = new Set<string>()

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `who`'s proxy now counts `live` WebSockets open or opening. */
  changed(who: string, live: number): void {
    if (live > 1) {
      if (!this.since.has(who)) this.since.set(who, this.now())
      return
    }
    if (!this.since.has(who)) return
    if (!this.flagged.delete(who)) this.transient++
    this.since.delete(who)
  }

  /** Calls `onLong` once for every overlap that outlasted the grace period. */
  check(onLong: (who: string, forMs: number) => void): void {
    const t = this.now()
    for (const [who, since] of this.since) {
      if (this.flagged.has(who) || t - since <= this.graceMs) continue
      this.flagged.add(who)
      onLong(who, t - since)
    }
  }
}
