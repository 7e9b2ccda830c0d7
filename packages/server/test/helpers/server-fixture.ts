import { afterAll, afterEach, beforeAll } from 'vitest'
import { type RunningServer, type StartServerOptions, startServer } from '../../src/index.js'
import { startTestRedis, type TestRedis } from '../redis/redis-server.js'

/**
 * Which backend the servers of this run use: `memory` (default), or `redis` when the vitest project
 * sets `SERVER_TEST_BACKEND=redis` (vitest.config.ts: the protocol suite runs once per backend).
 */
export const TEST_BACKEND = process.env.SERVER_TEST_BACKEND === 'redis' ? 'redis' : 'memory'

let prefixes = 0

/**
 * `start(options)` for tests: every server started is closed after each test, so the run exits cleanly.
 * With the Redis backend, the file gets its own real redis-server and each server a fresh key prefix
 * (unless the test passes its own store, tokens or backend).
 */
export function useServers(): (options?: StartServerOptions) => Promise<RunningServer> {
  const servers: RunningServer[] = []
  let redis: TestRedis | undefined
  if (TEST_BACKEND === 'redis') {
    beforeAll(async () => {
      redis = await startTestRedis()
    })
    afterAll(async () => {
      await redis?.dispose()
    })
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  return async (options = {}) => {
    const withRedis =
      redis && options.backend === undefined && options.redis === undefined
        ? { redis: { url: redis.url, prefix: `fixture-${process.pid}-${++prefixes}:` }, ...options }
        : options
    const server = await startServer(withRedis)
    servers.push(server)
    return server
  }
}
