// This project's server (@cometchat-connection/server, as built in the workspace), restarted with the
// same token store so the engines' sessions stay valid across an outage, as a real deployment's would.
import { createMemoryTokenStore, startServer } from '@cometchat-connection/server'

/** @param {{ rateLimit?: { framesPerSecond: number, burst: number } }} options */
export function createEngineServer(options) {
  const tokenStore = createMemoryTokenStore()
  /** @type {import('@cometchat-connection/server').RunningServer | null} */
  let running = null
  return {
    stopNote: 'close(): a 1001 close frame to every client, then stops listening (2 s grace, then cuts)',
    /** @param {number} port */
    async start(port) {
      running = await startServer({ port, host: '127.0.0.1', tokenStore, ...options })
      return running.port
    },
    async stop() {
      await running?.close()
    },
    cut() {
      running?.dropConnections()
    },
    /** @param {object} message */
    encode: (message) => JSON.stringify({ type: 'message', message }),
  }
}
