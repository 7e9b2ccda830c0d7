import type { Socket } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'

/** How traffic flows through a proxy right now (it changes over the run). */
export interface Conditions {
  /** Delay added to every chunk, ms (order is kept). */
  latencyMs: number
  /** Chunks are cut into pieces of at most this many bytes, each written separately (0: whole chunks). */
  sliceBytes: number
}

type Item = { what: 'data'; data: Buffer; at: number } | { what: 'end' | 'destroy'; at: number }

/**
 * One direction of a proxied connection. Forwards what it is given in order: each chunk after the
 * current latency, cut in pieces when slicing, and nothing at all while frozen: closes are held too,
 * so the other side sees a silent, open connection (half-open) until {@link thaw}.
 */
export class Pipe {
  private readonly items: Item[] = []
  private pumping = false
  private frozen = false
  private dead = false
  private wake: (() => void) | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  /**
   * @param to - where the bytes go
   * @param conditions - read for every chunk, so a change applies to what is still queued
   */
  constructor(
    private readonly to: Socket,
    private readonly conditions: () => Conditions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues bytes. */
  data(chunk: Buffer): void {
    this.push({ what: 'data', data: chunk, at: this.now() })
  }

  /** Queues a half-close (FIN). */
  end(): void {
    this.push({ what: 'end', at: this.now() })
  }

  /** Queues a close of the destination. */
  destroy(): void {
    this.push({ what: 'destroy', at: this.now() })
  }

  /** Bytes received and not yet forwarded. */
  heldBytes(): number {
    let n = 0
    for (const item of this.items) if (item.what === 'data') n += item.data.length
    return n
  }

  /** Stops forwarding (what is queued stays queued). */
  freeze(): void {
    this.frozen = true
  }

  /** Forwards again, what was held first. */
  thaw(): void {
    this.frozen = false
    this.poke()
  }

  /** Drops everything queued and stops for good (the connection is gone). */
  kill(): void {
    this.dead = true
    this.items.length = 0
    this.poke()
  }

  private push(item: Item): void {
    if (this.dead) return
    this.items.push(item)
    if (!this.pumping) void this.pump()
  }

  private poke(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const wake = this.wake
    this.wake = null
    wake?.()
  }

  private idle(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve
      if (ms !== undefined) this.timer = setTimeout(() => this.poke(), ms)
    })
  }

  private async pump(): Promise<void> {
    this.pumping = true
    try {
      while (!this.dead && this.items.length > 0) {
        if (this.frozen) {
          await this.idle()
          continue
        }
        const item = this.items[0]!
        const wait = item.at + this.conditions().latencyMs - this.now()
        if (wait > 0) {
          await this.idle(wait)
          continue
        }
        this.items.shift()
        if (this.to.destroyed) continue
        if (item.what === 'data') await this.write(item.data, item.at)
        else if (item.what === 'end') this.to.end()
        else this.to.destroy()
      }
    } finally {
      this.pumping = false
    }
  }

  /** Writes one chunk, in slices when asked; a freeze between slices puts the rest back in front. */
  private async write(data: Buffer, at: number): Promise<void> {
    const size = this.conditions().sliceBytes
    if (size <= 0 || data.length <= size) {
      this.to.write(data)
      return
    }
    for (let i = 0; i < data.length; i += size) {
      if (this.dead || this.to.destroyed) return
      if (this.frozen) {
        this.items.unshift({ what: 'data', data: data.subarray(i), at })
        return
      }
      this.to.write(data.subarray(i, i + size))
      await nextTurn() // a separate write per slice: the reader gets them as separate chunks
    }
  }
}
