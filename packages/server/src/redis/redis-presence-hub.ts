import type { WireUser } from '@cometchat-connection/core'
import type { Redis } from 'ioredis'
import { randomHex } from '../common/random-hex.js'
import type { OnlineEntry, PresenceChange, PresenceHub } from '../store/presence-hub.js'
import { LuaScript } from './lua-script.js'
import type { RedisKeys } from './redis-keys.js'
import { HEARTBEAT_SCRIPT, JOIN_SCRIPT, LEAVE_SCRIPT, SWEEP_SCRIPT } from './redis-scripts.js'
import { storeCall } from './store-call.js'

const joinScript = new LuaScript(JOIN_SCRIPT)
const leaveScript = new LuaScript(LEAVE_SCRIPT)
const heartbeatScript = new LuaScript(HEARTBEAT_SCRIPT)
const sweepScript = new LuaScript(SWEEP_SCRIPT)

/** How long a join waits to hear its own change back before it reads the whole set instead, ms. */
const ECHO_WAIT_MS = 1_000

/** A presence change as published on the `presence` channel. */
interface PublishedChange extends PresenceChange {
  readonly seq: number
}

/** What a heartbeat learned. */
export interface HeartbeatResult {
  /** The store's generation id: another one than before means Redis lost its data. */
  readonly generation: string
  /** The append counter (see the append script). */
  readonly clock: number
}

/**
 * Presence across processes, in Redis. Each process has a set of the users it holds (`proc:<id>`) and a
 * heartbeat in the `procs` sorted set, scored by when it counts as dead (Redis's own clock, so process
 * clocks may differ). A user is online while some process holds them: the first join publishes `online`,
 * the last leave `offline`, each with a sequence number. Every process keeps a mirror of who is online,
 * fed by those messages in order; a gap in the numbers (missed messages) makes it read the whole set
 * again. Every heartbeat also sweeps dead processes, so the users of a process killed without a word go
 * offline at most `ttlMs + ttlMs / 3` after its last heartbeat.
 */
export class RedisPresenceHub implements PresenceHub {
  private readonly mirror = new Map<string, OnlineEntry>()
  /** Users this process holds, for the reconcile after a failed call or a sweep of this process. */
  private readonly held = new Map<string, WireUser>()
  private lastSeq = -1
  private waiters: Array<{ seq: number; resolve: () => void }> = []
  /** Changes that arrived while a resync was reading the whole set. */
  private buffered: PublishedChange[] | null = null
  /** A join or leave failed, or this process was swept: the next heartbeat sends the whole set. */
  private dirty = true

  /**
   * @param redis - the command connection
   * @param keys - the key layout
   * @param processId - this process's id
   * @param ttlMs - how long after its last heartbeat a process counts as dead
   * @param report - where changes go (the backend's `presence` event)
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly processId: string,
    private readonly ttlMs: number,
    private readonly report: (change: PresenceChange) => void,
  ) {}

  private presenceKeys(): string[] {
    const k = this.keys
    return [k.onlineCount, k.onlineUser, k.onlineAt, k.presenceSeq, k.proc(this.processId)]
  }

  async join(user: WireUser, at: number): Promise<void> {
    this.held.set(user.uid, user)
    let seq: number
    try {
      seq = Number(
        await storeCall('joining presence', () =>
          joinScript.run(this.redis, this.presenceKeys(), [
            user.uid,
            JSON.stringify({ uid: user.uid, name: user.name }),
            at,
            this.keys.presenceChannel,
          ]),
        ),
      )
    } catch (error) {
      this.dirty = true
      throw error
    }
    // Visible in online() once this process has heard its own change back (in order with the others').
    // Not heard within a second (the subscription is down?): read the whole set instead.
    if (seq > this.lastSeq && this.lastSeq >= 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.resync()
            .catch(() => {})
            .finally(resolve)
        }, ECHO_WAIT_MS)
        timer.unref?.()
        this.waiters.push({
          seq,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      })
  }

  leave(uid: string, at: number): void {
    this.held.delete(uid)
    storeCall('leaving presence', () =>
      leaveScript.run(this.redis, this.presenceKeys(), [uid, at, this.keys.presenceChannel]),
    ).catch(() => {
      this.dirty = true
    })
  }

  online(): readonly OnlineEntry[] {
    return [...this.mirror.values()]
  }

  /** A message of the `presence` channel. */
  onMessage(text: string): void {
    let change: PublishedChange
    try {
      change = JSON.parse(text) as PublishedChange
    } catch {
      return
    }
    if (this.buffered) {
      this.buffered.push(change)
      return
    }
    if (change.seq <= this.lastSeq) return
    if (this.lastSeq >= 0 && change.seq !== this.lastSeq + 1) {
      // Missed changes (the subscription was down): read the whole set instead of guessing.
      this.resync().catch(() => {})
      return
    }
    this.apply(change)
  }

  /** Reads who is online from Redis and reports every difference to the mirror as a change. */
  async resync(): Promise<void> {
    if (this.buffered) return
    this.buffered = []
    try {
      const k = this.keys
      const replies = (await storeCall('reading presence', () =>
        this.redis.multi().get(k.presenceSeq).hgetall(k.onlineUser).hgetall(k.onlineAt).exec(),
      )) as [
        [Error | null, string | null],
        [Error | null, Record<string, string>],
        [Error | null, Record<string, string>],
      ]
      const seq = Number(replies[0][1] ?? 0)
      const users = replies[1][1] ?? {}
      const ats = replies[2][1] ?? {}
      const now = Object.entries(users)
        .map(([uid, json]) => ({ user: JSON.parse(json) as WireUser, at: Number(ats[uid] ?? 0), uid }))
        .sort((a, b) => a.at - b.at)
      const seen = new Set(now.map((entry) => entry.uid))
      for (const [uid, entry] of [...this.mirror]) {
        if (seen.has(uid)) continue
        this.mirror.delete(uid)
        this.report({ user: entry.user, status: 'offline', at: Date.now() })
      }
      for (const { uid, user, at } of now) {
        if (this.mirror.has(uid)) continue
        this.mirror.set(uid, { user, at })
        this.report({ user, status: 'online', at })
      }
      this.lastSeq = seq
      const buffered = this.buffered
      this.buffered = null
      for (const change of buffered) if (change.seq > this.lastSeq) this.onMessage(JSON.stringify(change))
      this.wake()
    } catch (error) {
      this.buffered = null
      throw error
    }
  }

  /** The heartbeat (with the whole set of held users when something may be out of step). */
  async heartbeat(newGeneration: string): Promise<HeartbeatResult> {
    const run = (reconcile: boolean) => {
      const args: Array<string | number> = [
        this.processId,
        this.ttlMs,
        newGeneration,
        this.keys.presenceChannel,
        Date.now(),
        reconcile ? '1' : '0',
      ]
      if (reconcile)
        for (const user of this.held.values())
          args.push(user.uid, JSON.stringify({ uid: user.uid, name: user.name }))
      return storeCall('heartbeat', () =>
        heartbeatScript.run(
          this.redis,
          [...this.presenceKeys(), this.keys.procs, this.keys.generation, this.keys.clock],
          args,
        ),
      ) as Promise<[number, string, number]>
    }
    const reconcile = this.dirty
    this.dirty = false
    try {
      let [known, generation, clock] = await run(reconcile)
      // Swept (this process looked dead: a long pause or an outage) or new: put its users back.
      if (known === 0 && !reconcile) [known, generation, clock] = await run(true)
      return { generation, clock: Number(clock) }
    } catch (error) {
      this.dirty = true
      throw error
    }
  }

  /** Takes processes whose heartbeat expired out of presence. */
  async sweep(): Promise<void> {
    const k = this.keys
    await storeCall('sweeping presence', () =>
      sweepScript.run(
        this.redis,
        [k.onlineCount, k.onlineUser, k.onlineAt, k.presenceSeq, k.procs],
        [k.procPrefix, k.presenceChannel, Date.now()],
      ),
    )
  }

  /** Everything held must be sent again at the next heartbeat (after an outage). */
  markDirty(): void {
    this.dirty = true
  }

  private apply(change: PublishedChange): void {
    this.lastSeq = change.seq
    const uid = change.user.uid
    if (change.status === 'online') {
      if (!this.mirror.has(uid)) {
        this.mirror.set(uid, { user: change.user, at: change.at })
        this.report({ user: change.user, status: 'online', at: change.at })
      }
    } else if (this.mirror.delete(uid)) this.report({ user: change.user, status: 'offline', at: change.at })
    this.wake()
  }

  private wake(): void {
    if (this.waiters.length === 0) return
    const ready = this.waiters.filter((w) => w.seq <= this.lastSeq)
    this.waiters = this.waiters.filter((w) => w.seq > this.lastSeq)
    for (const waiter of ready) waiter.resolve()
  }

  /** Settles every pending join (on close). */
  release(): void {
    for (const waiter of this.waiters.splice(0)) waiter.resolve()
  }
}

/** A new random process id. */
export function newProcessId(): string {
  return randomHex(8)
}
