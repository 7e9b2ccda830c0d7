import type { Redis } from 'ioredis'
import type { InboxRouting } from '../store/server-backend.js'
import type { RedisKeys } from './redis-keys.js'
import { storeCall } from './store-call.js'

interface Watch {
  count: number
  /** The subscription (pending or done); undefined after it failed, so the next watch tries again. */
  ready: Promise<void> | undefined
}

/**
 * Live inbox events between processes: a process subscribes to `route:<uid>` for each user it holds a
 * socket of (counted), and the append script publishes every event there. Redis delivers a channel's
 * messages in the order they were published, and appends to one inbox publish in offset order, so each
 * receiver's events arrive in order on every process.
 */
export class RedisRouting implements InboxRouting {
  private readonly watches = new Map<string, Watch>()

  /**
   * @param subscriber - the subscriber connection
   * @param keys - the key layout
   */
  constructor(
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
  ) {}

  watch(uid: string): Promise<void> {
    let watch = this.watches.get(uid)
    if (!watch) {
      watch = { count: 0, ready: undefined }
      this.watches.set(uid, watch)
    }
    watch.count++
    if (!watch.ready) {
      const current = watch
      const ready = storeCall('subscribing to an inbox', async () => {
        await this.subscriber.subscribe(this.keys.route(uid))
      })
      current.ready = ready
      ready.catch(() => {
        if (current.ready === ready) current.ready = undefined
      })
    }
    return watch.ready as Promise<void>
  }

  unwatch(uid: string): void {
    const watch = this.watches.get(uid)
    if (!watch) return
    if (--watch.count > 0) return
    this.watches.delete(uid)
    // On the same connection after any SUBSCRIBE of this channel: a later watch subscribes again after it.
    this.subscriber.unsubscribe(this.keys.route(uid)).catch(() => {})
  }

  /** The uid of a route channel, or null for another channel. */
  uidOf(channel: string): string | null {
    return channel.startsWith(this.keys.routePrefix) ? channel.slice(this.keys.routePrefix.length) : null
  }
}
