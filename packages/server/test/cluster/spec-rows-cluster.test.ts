import { describeSpecRows } from '../integration/spec-rows.js'
import { useTestRedis } from '../redis/redis-server.js'
import { useClusters } from './cluster.js'

// The behaviour rows, unchanged, against two server processes on Redis behind a round-robin balancer:
// an engine's login, socket and reconnections may each land on another process.

const start = useClusters(useTestRedis())

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

describeSpecRows('SPEC rows: two server processes on Redis', async () => {
  const cluster = await start(2)
  return {
    url: cluster.url,
    socketUrl: cluster.socketUrl,
    onlineUids: () => cluster.onlineInRedis(),
    connectionCount: async () => sum(await cluster.all<number>('count')),
    dropConnections: async () => {
      await cluster.all('drop')
    },
    revokeToken: (token) =>
      cluster.processes[0]?.request<boolean>('revoke', { token }) ?? Promise.resolve(false),
    sendThrottleNotice: async (uid) => sum(await cluster.all<number>('throttle', { uid })),
  }
})
