import { useServers } from '../helpers/server-fixture.js'
import { describeSpecRows } from './spec-rows.js'

// The behaviour rows against one server process with the in-memory backend (the default).

const start = useServers()

describeSpecRows('SPEC rows: one in-memory server', async () => {
  const server = await start()
  return {
    url: server.url,
    socketUrl: server.socketUrl,
    onlineUids: async () => server.core.onlineUsers().map((u) => u.uid),
    connectionCount: async () => server.connectionCount(),
    dropConnections: async () => server.dropConnections(),
    revokeToken: (token) => server.core.revokeToken(token),
    sendThrottleNotice: async (uid) => server.sendThrottleNotice(uid),
  }
})
