import type { WireUser } from '@cometchat-connection/core'
import type { Redis } from 'ioredis'
import type { UserDirectory } from '../store/user-directory.js'
import { LuaScript } from './lua-script.js'
import type { RedisKeys } from './redis-keys.js'
import { ENSURE_USER_SCRIPT } from './redis-scripts.js'
import { storeCall } from './store-call.js'

const ensure = new LuaScript(ENSURE_USER_SCRIPT)

/** Users in one Redis hash (uid → name): a user created on one process is known to all. */
export function createRedisUserDirectory(redis: Redis, keys: RedisKeys): UserDirectory {
  return {
    ensure(user: WireUser): Promise<WireUser> {
      return storeCall('saving a user', async () => {
        const name = await ensure.run(redis, [keys.users], [user.uid, user.name])
        return Object.freeze({ uid: user.uid, name: String(name) })
      })
    },
    get(uid: string): Promise<WireUser | undefined> {
      return storeCall('looking up a user', async () => {
        const name = await redis.hget(keys.users, uid)
        return name === null ? undefined : Object.freeze({ uid, name })
      })
    },
  }
}
