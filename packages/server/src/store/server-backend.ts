import { createMemoryStore, type MemoryStoreOptions } from './memory-store.js'
import { createMemoryPresenceHub, type PresenceChange, type PresenceHub } from './presence-hub.js'
import type { ServerStore } from './store.js'
import { createMemoryTokenStore, type TokenStore } from './token-store.js'
import { createMemoryUserDirectory, type UserDirectory } from './user-directory.js'

/** What a backend tells the server core; the core hands it over once, through {@link ServerBackend.attach}. */
export interface BackendEvents {
  /**
   * A live event of `uid`'s inbox stream, stored by any process: the ready `message` frame with its epoch
   * and offset. Only for users this process watches (see {@link InboxRouting}), per user in offset order.
   */
  deliver(uid: string, epoch: string, offset: number, frame: string): void
  /** Someone came online or went offline somewhere in the cluster. */
  presence(change: PresenceChange): void
  /** A token was revoked on some process: sockets authenticated with it must close (4001). */
  revoked(token: string): void
  /** The shared store cannot be reached: store calls fail fast until {@link recovered}. */
  outage(): void
  /**
   * The shared store is reachable again after an {@link outage} (or was found emptied while reachable).
   * `lost`: its data was lost meanwhile (a restart without persistence, a flush), so tokens, users,
   * inboxes and presence are gone. Live events of the outage may have been missed either way.
   */
  recovered(lost: boolean): void
}

/**
 * Cross-process routing of live inbox events: a process watches the users it has sockets for, and the
 * backend delivers every event stored for them (by any process) through {@link BackendEvents.deliver}.
 * Without routing (`null`: one process) the core delivers each stored message itself.
 */
export interface InboxRouting {
  /**
   * Starts delivering `uid`'s events (counted: one `unwatch` per `watch`). Resolves once every event
   * stored from then on is sure to be delivered, so a stream read after it misses nothing.
   */
  watch(uid: string): Promise<void>
  /** Ends one `watch` of `uid`. */
  unwatch(uid: string): void
}

/**
 * Everything the server keeps, in one piece: inbox streams and send-id dedupe ({@link ServerStore}),
 * tokens, users, presence, and the routing between processes. `createMemoryBackend()` keeps it all in
 * this process (the default); the Redis backend (`startServer({ redis })`) shares it between N processes.
 */
export interface ServerBackend {
  /** Inbox streams and the send-id dedupe window. */
  readonly store: ServerStore
  /** Auth tokens. */
  readonly tokens: TokenStore
  /** Users. */
  readonly users: UserDirectory
  /** Who is online, cluster-wide. */
  readonly presence: PresenceHub
  /** Cross-process delivery of live events, or null when this process is the only one. */
  readonly routing: InboxRouting | null
  /** Called once by the core: where the backend reports what happens elsewhere. */
  attach(events: BackendEvents): void
  /** Releases connections and timers. Data stays where it is (Redis) or goes (memory). */
  close(): Promise<void>
}

/** Options of {@link createMemoryBackend}: the bounds of its inbox store. */
export type MemoryBackendOptions = MemoryStoreOptions

/**
 * The default backend: inboxes, tokens, users and presence in this process's memory, no routing (one
 * process). Browser-safe: the playground runs it in the page.
 */
export function createMemoryBackend(options: MemoryBackendOptions = {}): ServerBackend {
  let events: BackendEvents | null = null
  return {
    store: createMemoryStore(options),
    tokens: createMemoryTokenStore(options.now ? { now: options.now } : {}),
    users: createMemoryUserDirectory(),
    presence: createMemoryPresenceHub((change) => events?.presence(change)),
    routing: null,
    attach(listener) {
      events = listener
    },
    close: () => Promise.resolve(),
  }
}
