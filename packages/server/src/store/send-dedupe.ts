import type { StoredMessage } from './store.js'

interface Seen {
  readonly stored: StoredMessage
  readonly at: number
}

/**
 * The send-id dedupe window in memory: per sender, the ids it used lately and what each stored. Bounded
 * by age (`windowMs`) and by count per sender (`maxPerSender`, oldest forgotten first).
 */
export class SendDedupe {
  /** Per sender, ids in the order they were first used (a `Map` keeps insertion order). */
  private readonly bySender = new Map<string, Map<string, Seen>>()
  private recordsSinceSweep = 0

  /**
   * @param windowMs - how long an id is remembered
   * @param maxPerSender - most ids remembered per sender
   */
  constructor(
    private readonly windowMs: number,
    private readonly maxPerSender: number,
  ) {}

  /** What `sender` stored with `id` within the window, if anything. */
  find(sender: string, id: string, now: number): StoredMessage | undefined {
    const seen = this.bySender.get(sender)?.get(id)
    return seen && seen.at > now - this.windowMs ? seen.stored : undefined
  }

  /** Remembers that `sender` stored `stored` with `id`. */
  record(sender: string, id: string, stored: StoredMessage, now: number): void {
    let ids = this.bySender.get(sender)
    if (!ids) {
      ids = new Map()
      this.bySender.set(sender, ids)
    }
    ids.set(id, { stored, at: now })
    this.expire(sender, ids, now)
    if (ids.size > this.maxPerSender) {
      const oldest = ids.keys().next()
      if (!oldest.done) ids.delete(oldest.value)
    }
    // Senders who went quiet are swept now and then, so their ids do not outlive the window by much.
    if (++this.recordsSinceSweep >= 1024) {
      this.recordsSinceSweep = 0
      for (const [uid, other] of this.bySender) this.expire(uid, other, now)
    }
  }

  private expire(sender: string, ids: Map<string, Seen>, now: number): void {
    for (const [id, seen] of ids) {
      if (seen.at > now - this.windowMs) break
      ids.delete(id)
    }
    if (ids.size === 0) this.bySender.delete(sender)
  }
}
