import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { TokenRecord, TokenStore } from '../store/token-store.js'
import type { RedisKeys } from './redis-keys.js'
import { storeCall } from './store-call.js'

/** The key part of a token: its SHA-256, so a copy of Redis's data holds no usable token. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Auth tokens in Redis, each expiring with its own TTL, so they survive any process restart and every
 * process knows them. Revoking one deletes it and tells every process (channel `revoked`), which closes
 * the sockets that use it with 4001.
 */
export function createRedisTokenStore(redis: Redis, keys: RedisKeys, now: () => number): TokenStore {
  return {
    save(record: TokenRecord): Promise<void> {
      return storeCall('saving a token', async () => {
        const ttl = Math.max(1, Math.ceil(record.expiresAt - now()))
        await redis.set(keys.token(tokenHash(record.token)), JSON.stringify(record), 'PX', ttl)
      })
    },
    get(token: string): Promise<TokenRecord | undefined> {
      return storeCall('checking a token', async () => {
        const raw = await redis.get(keys.token(tokenHash(token)))
        if (raw === null) return undefined
        const record = JSON.parse(raw) as TokenRecord
        return record.token === token ? record : undefined
      })
    },
    revoke(token: string): Promise<boolean> {
      return storeCall('revoking a token', async () => {
        const [[, deleted]] = (await redis
          .multi()
          .del(keys.token(tokenHash(token)))
          .publish(keys.revokedChannel, token)
          .exec()) as [[Error | null, number], [Error | null, number]]
        return deleted === 1
      })
    },
  }
}
