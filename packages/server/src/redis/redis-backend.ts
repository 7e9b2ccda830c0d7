import { Redis, type RedisOptions } from 'ioredis'
import { invalidOption } from '../common/invalid-option.js'
import { randomHex } from '../common/random-hex.js'
import type { BackendEvents, ServerBackend } from '../store/server-backend.js'
import { LuaScript } from './lua-script.js'
import { createRedisInboxStore, type RedisInboxBounds } from './redis-inbox-store.js'
import { RedisKeys } from './redis-keys.js'
import { newProcessId, RedisPresenceHub } from './redis-presence-hub.js'
import { RedisRouting } from './redis-routing.js'
import { NEW_GENERATION_SCRIPT } from './redis-scripts.js'
import { createRedisTokenStore } from './redis-token-store.js'
import { createRedisUserDirectory } from './redis-user-directory.js'

/** Options of the Redis backend (`startServer({ redis })`). */
export interface RedisBackendOptions {
  /** The Redis URL, `redis://[:password@]host:port[/db]`. */
  url: string
  /** Prefix of every key and channel. Default `cometchat:<appId>:`. */
  prefix?: string
  /**
   * A process whose heartbeat is this old counts as dead: its users go offline. Heartbeats (and sweeps
   * of dead processes) run every third of it, so the users of a process killed without a word go offline
   * within `presenceTtlMs × 4/3`. Default 15000 (offline within 20 s).
   */
  presenceTtlMs?: number
  /** Deadline of each Redis command, ms; then the call fails as "store unavailable". Default 2000. */
  commandTimeoutMs?: number
  /** How long `startServer()` waits for Redis at start, ms; then it fails. Default 5000. */
  connectTimeoutMs?: number
}

/** Defaults of {@link RedisBackendOptions}. */
export const REDIS_DEFAULTS = Object.freeze({
  presenceTtlMs: 15_000,
  commandTimeoutMs: 2_000,
  connectTimeoutMs: 5_000,
})

/** What the backend needs from the server besides its options. */
export interface RedisBackendContext {
  /** The app id (the default key prefix names it). */
  appId: string
  /** Inbox bounds and the clock, as the server's limits have them. */
  bounds: RedisInboxBounds
}

/** The Redis backend: a {@link ServerBackend} plus what tests and the docs measure. */
export interface RedisBackend extends ServerBackend {
  /** This process's id in presence. */
  readonly processId: string
  /** The key prefix. */
  readonly prefix: string
  /** The most time a killed process's users stay online, ms (`presenceTtlMs × 4/3`). */
  readonly presenceBoundMs: number
}

const newGeneration = new LuaScript(NEW_GENERATION_SCRIPT)

/** The URL without its password, for messages. */
function shown(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@')
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw invalidOption(`redis.${name}`, 'a positive number of ms', v)
  return v
}

/**
 * Connects to Redis (two connections: commands, and subscriptions) and returns the backend N processes
 * share: inboxes and dedupe ({@link createRedisInboxStore}), tokens, users, presence, routing. Rejects
 * when Redis cannot be reached within `connectTimeoutMs`, saying what to check.
 *
 * Faults: every command has the `commandTimeoutMs` deadline and none waits in a queue while the
 * connection is down (it fails at once, and the server answers "try again": 4013 or 503); both
 * connections reconnect by themselves. When they are back the backend reports `recovered` (with `lost`
 * when Redis came back empty), and the server closes its sockets with 1012 so every client resumes.
 */
export async function createRedisBackend(
  options: RedisBackendOptions,
  context: RedisBackendContext,
): Promise<RedisBackend> {
  if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url))
    throw invalidOption('redis', 'a redis:// or rediss:// URL', options.url)
  const presenceTtlMs = positive('presenceTtlMs', options.presenceTtlMs, REDIS_DEFAULTS.presenceTtlMs)
  const commandTimeout = positive(
    'commandTimeoutMs',
    options.commandTimeoutMs,
    REDIS_DEFAULTS.commandTimeoutMs,
  )
  const connectTimeout = positive(
    'connectTimeoutMs',
    options.connectTimeoutMs,
    REDIS_DEFAULTS.connectTimeoutMs,
  )
  const prefix = options.prefix ?? `cometchat:${context.appId}:`
  const keys = new RedisKeys(prefix)
  const processId = newProcessId()
  const clientOptions: RedisOptions = {
    lazyConnect: true,
    // Fail at once while disconnected instead of queueing: a queued command could run much later (a
    // stale append), and the client must hear "try again" now.
    enableOfflineQueue: false,
    // Never re-send a command after a reconnect: an append that may have run must not run twice.
    maxRetriesPerRequest: 0,
    commandTimeout,
    connectTimeout,
    // Back within a quarter second of Redis: clients are waiting.
    retryStrategy: (times) => Math.min(50 * 2 ** times, 250),
    // The RESP2 replies every Redis speaks; nothing here needs RESP3.
    protocol: 2,
    connectionName: `cometchat-connection-${processId}`,
  }
  // Commands issued in one turn (a burst of sends) go out in one write: fewer syscalls, same order.
  const redis = new Redis(options.url, { ...clientOptions, enableAutoPipelining: true })
  const subscriber = new Redis(options.url, { ...clientOptions, autoResubscribe: true })
  // ioredis reports connection errors as events; without listeners they would crash the process.
  redis.on('error', () => {})
  subscriber.on('error', () => {})

  let events: BackendEvents | null = null
  const hub = new RedisPresenceHub(redis, keys, processId, presenceTtlMs, (change) =>
    events?.presence(change),
  )
  const routing = new RedisRouting(subscriber, keys)
  subscriber.on('message', (channel: string, message: string) => {
    const uid = routing.uidOf(channel)
    if (uid !== null) {
      const a = message.indexOf(' ')
      const b = message.indexOf(' ', a + 1)
      events?.deliver(uid, message.slice(0, a), Number(message.slice(a + 1, b)), message.slice(b + 1))
    } else if (channel === keys.presenceChannel) hub.onMessage(message)
    else if (channel === keys.revokedChannel) events?.revoked(message)
  })

  const candidateGeneration = randomHex(8)
  let generation = ''
  /** The highest append counter this process has seen: Redis reporting a lower one went back in time. */
  let highestClock = 0
  let up = false
  let closed = false
  let recovering = false

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer within ${connectTimeout} ms`)),
        connectTimeout,
      )
      Promise.all([redis.connect(), subscriber.connect()]).then(
        () => {
          clearTimeout(timer)
          resolve()
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
    await subscriber.subscribe(keys.presenceChannel, keys.revokedChannel)
    const first = await hub.heartbeat(candidateGeneration)
    generation = first.generation
    highestClock = first.clock
    await hub.resync()
    await hub.sweep()
    up = true
  } catch (error) {
    redis.disconnect()
    subscriber.disconnect()
    const cause = error instanceof Error ? error.message : String(error)
    throw new Error(
      `Cannot use Redis at ${shown(options.url)}: ${cause}. Is redis-server running there? ` +
        `(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis; or docker run -p 6379:6379 redis:7)`,
      { cause: error },
    )
  }

  /**
   * Whether Redis lost data since this process last looked: its generation is gone or replaced, or its
   * append counter went back (an older snapshot was restored). A rollback seen first here gets a new
   * generation, so every inbox starts a new epoch and no offset is ever reused.
   */
  const lostData = async (): Promise<boolean> => {
    // The counter as seen before the heartbeat is sent: every append answered by then ran before it on
    // this connection. (An append answered while the heartbeat's answer is handled may be newer: comparing
    // with it would see a rollback that never happened.)
    const seen = highestClock
    const beat = await hub.heartbeat(randomHex(8))
    let lost = beat.generation !== generation
    let now = beat.generation
    if (!lost && beat.clock < seen) {
      now = String(await newGeneration.run(redis, [keys.generation], [generation, randomHex(8)]))
      lost = true
    }
    generation = now
    highestClock = lost ? beat.clock : Math.max(highestClock, beat.clock)
    return lost
  }

  /** Both connections are back: find out whether Redis lost its data, then tell the server. */
  const recover = async () => {
    if (up || closed || recovering) return
    if (redis.status !== 'ready' || subscriber.status !== 'ready') return
    recovering = true
    try {
      // Ordered after ioredis's own re-subscriptions on that connection: once this answers, they are done.
      await subscriber.subscribe(keys.presenceChannel, keys.revokedChannel)
      hub.markDirty()
      const lost = await lostData()
      await hub.resync()
      up = true
      events?.recovered(lost)
    } catch {
      // Still flapping (or a command timed out): try again shortly, and on every heartbeat tick.
      setTimeout(() => {
        recover().catch(() => {})
      }, 250).unref?.()
    } finally {
      recovering = false
    }
  }
  const down = () => {
    if (!up || closed) return
    up = false
    events?.outage()
  }
  for (const client of [redis, subscriber]) {
    client.on('close', down)
    client.on('ready', () => {
      recover().catch(() => {})
    })
  }

  const beat = async () => {
    if (closed) return
    if (!up) return recover()
    try {
      const lost = await lostData()
      await hub.sweep()
      if (lost && up && !closed) {
        // Redis was emptied or rolled back while connected: the same recovery as after an outage.
        hub.markDirty()
        await hub.resync()
        events?.recovered(true)
      }
    } catch {
      // An outage: the connections' own events handle it; the heartbeat retries on the next tick.
    }
  }
  const timer = setInterval(
    () => {
      beat().catch(() => {})
    },
    Math.max(10, Math.floor(presenceTtlMs / 3)),
  )
  timer.unref?.()

  return {
    processId,
    prefix,
    presenceBoundMs: Math.ceil((presenceTtlMs * 4) / 3),
    store: createRedisInboxStore(redis, keys, context.bounds, (clock) => {
      if (clock > highestClock) highestClock = clock
    }),
    tokens: createRedisTokenStore(redis, keys, context.bounds.now),
    users: createRedisUserDirectory(redis, keys),
    presence: hub,
    routing,
    attach(listener) {
      events = listener
    },
    async close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      hub.release()
      // Presence is not left on purpose: the users of a stopping process reconnect elsewhere within
      // moments, and leaving first would show them offline and online again. Those who do not come
      // back go offline when this process's heartbeat expires.
      const quit = (client: Redis) =>
        Promise.race([
          client.quit().catch(() => {}),
          new Promise((resolve) => setTimeout(resolve, 500)),
        ]).then(() => client.disconnect())
      await Promise.all([quit(redis), quit(subscriber)])
    },
  }
}
