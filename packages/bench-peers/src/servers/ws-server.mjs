// A plain `ws` server for partysocket, reconnecting-websocket and raw ws: it ignores what clients send.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { closeGoingAway, listen } from './listen.mjs'

export function createWsServer() {
  /** @type {{ http: import('node:http').Server, wss: WebSocketServer } | null} */
  let running = null
  return {
    stopNote: 'a 1001 close frame to every client, then stops listening (2 s grace, then cuts)',
    /** @param {number} port */
    async start(port) {
      const http = createServer((_req, res) => res.writeHead(404).end())
      const wss = new WebSocketServer({ server: http })
      wss.on('connection', (ws) => ws.on('error', () => {}))
      running = { http, wss }
      return listen(http, port)
    },
    async stop() {
      if (running) await closeGoingAway(running.http, running.wss)
    },
    /** @param {object} message */
    encode: (message) => JSON.stringify({ type: 'message', message }),
  }
}
