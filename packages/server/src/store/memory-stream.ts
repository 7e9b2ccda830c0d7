import type { WireTextMessage } from '@cometchat-connection/core'
import type { InboxEvent, StreamSlice } from './store.js'

/**
 * One user's inbox stream in memory: a queue of events with contiguous offsets, trimmed from the head by
 * count and age. Offsets are positions, so reading after an offset is an index computation, not a search.
 */
export class MemoryStream {
  /** Offset of the newest event (0: none yet). */
  last = 0
  private events: InboxEvent[] = []
  /** When each event was stored (same index as `events`), for trimming by age. */
  private times: number[] = []
  /** Index of the oldest kept event: trimming moves it instead of shifting the arrays. */
  private head = 0

  /** @param epoch - this stream's history id */
  constructor(readonly epoch: string) {}

  /** Offset of the oldest kept event; `last + 1` when none is kept. */
  get first(): number {
    return this.last - (this.events.length - this.head) + 1
  }

  /** Appends a message at the next offset; returns that offset. */
  append(message: WireTextMessage, now: number): number {
    this.last++
    this.events.push({ offset: this.last, message })
    this.times.push(now)
    return this.last
  }

  /** Drops the oldest events beyond `maxEvents` and those stored `maxAgeMs` ago or earlier. */
  trim(now: number, maxEvents: number, maxAgeMs: number): void {
    const oldest = now - maxAgeMs
    let head = this.head
    const end = this.events.length
    if (end - head > maxEvents) head = end - maxEvents
    while (head < end && (this.times[head] ?? 0) <= oldest) head++
    this.head = head
    // Compact once the dropped prefix is most of the arrays, so memory follows the kept events.
    if (head > 64 && head * 2 > end) {
      this.events = this.events.slice(head)
      this.times = this.times.slice(head)
      this.head = 0
    }
  }

  /** The events after `after` (from the oldest kept when `after` is older), at most `limit`. */
  slice(after: number, limit: number): StreamSlice {
    const first = this.first
    const from = this.head + Math.max(0, Math.min(after, this.last) - first + 1)
    const count = Math.max(0, Math.min(limit, this.events.length - from))
    return { epoch: this.epoch, last: this.last, first, events: this.events.slice(from, from + count) }
  }

  /** The offset of message `id` among the kept events, newest first (history asks for recent ids). */
  offsetOf(id: string): number | undefined {
    for (let i = this.events.length - 1; i >= this.head; i--) {
      const event = this.events[i]
      if (event?.message.id === id) return event.offset
    }
    return undefined
  }
}
