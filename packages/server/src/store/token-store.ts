/** What the server remembers about an issued auth token. */
export interface TokenRecord {
  /** The token itself. */
  readonly token: string
  /** The app it was issued for. */
  readonly appId: string
  /** The user it authenticates. */
  readonly uid: string
  /** Epoch ms after which the token is no longer valid. */
  readonly expiresAt: number
}

/**
 * Where auth tokens live. The default keeps them in memory ({@link createMemoryTokenStore}); implement
 * this to keep sessions across restarts (a file, Redis …). Every method may return a promise.
 * The server checks `expiresAt` itself, so a store need not expire records on its own.
 */
export interface TokenStore {
  /** Remembers a newly issued token. */
  save(record: TokenRecord): void | Promise<void>
  /** The record of `token`, or undefined when unknown or revoked. */
  get(token: string): TokenRecord | undefined | Promise<TokenRecord | undefined>
  /** Forgets `token`; resolves whether it was known. */
  revoke(token: string): boolean | Promise<boolean>
}

/** Options of {@link createMemoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /** Time source used to sweep expired records; default `Date.now`. */
  now?: () => number
  /** Sweep expired records every this many saves, so a long-running dev server does not grow forever. Default 256. */
  sweepEvery?: number
}

/** The in-memory {@link TokenStore}: a `Map`, swept of expired tokens as new ones are saved. */
export function createMemoryTokenStore(
  options: MemoryTokenStoreOptions = {},
): TokenStore & { size(): number } {
  const records = new Map<string, TokenRecord>()
  const now = options.now ?? Date.now
  const sweepEvery = options.sweepEvery ?? 256
  let savesSinceSweep = 0
  return {
    save(record) {
      records.set(record.token, record)
      if (++savesSinceSweep >= sweepEvery) {
        savesSinceSweep = 0
        const t = now()
        for (const [token, r] of records) if (r.expiresAt <= t) records.delete(token)
      }
    },
    get(token) {
      return records.get(token)
    },
    revoke(token) {
      return records.delete(token)
    },
    size() {
      return records.size
    },
  }
}
