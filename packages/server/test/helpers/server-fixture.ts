import { afterEach } from 'vitest'
import { type RunningServer, type StartServerOptions, startServer } from '../../src/index.js'

/** `start(options)` for tests: every server started is closed after each test, so the run exits cleanly. */
export function useServers(): (options?: StartServerOptions) => Promise<RunningServer> {
  const servers: RunningServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  return async (options = {}) => {
    const server = await startServer(options)
    servers.push(server)
    return server
  }
}
