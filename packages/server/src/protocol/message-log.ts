import type { WireTextMessage } from '@cometchat-connection/core'

/** The stored messages: a bounded ring, oldest first, so a long-running dev server does not grow without end. */
export class MessageLog {
  private readonly ring: WireTextMessage[] = []
  /** Index of the oldest entry once the ring is full. */
  private head = 0

  /** @param capacity - how many messages to keep; older ones are dropped */
  constructor(private readonly capacity: number) {}

  /** Stores a message, dropping the oldest when full (O(1): appends are on every message's hot path). */
  append(message: WireTextMessage): void {
    if (this.ring.length < this.capacity) {
      this.ring.push(message)
      return
    }
    this.ring[this.head] = message
    this.head = (this.head + 1) % this.capacity
  }

  /** A copy of the stored messages, oldest first. */
  list(): WireTextMessage[] {
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)]
  }
}
