// socket.io 4.8's server with its default options (polling first, then upgrade; ping every 25 s).
import { createServer } from 'node:http'
import { Server } from 'socket.io'
import { listen } from './listen.mjs'

export function createSocketIoServer() {
  /** @type {Server | null} */
  let io = null
  return {
    stopNote: "io.close(): socket.io's own shutdown (each transport closed, no reason the client can act on)",
    /** @param {number} port */
    async start(port) {
      // socket.io answers its own path and passes other requests to this listener.
      const http = createServer((_req, res) => res.writeHead(404).end())
      io = new Server(http)
      return listen(http, port)
    },
    async stop() {
      const server = io
      if (!server) return
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    },
    // socket.io over the WebSocket transport: engine.io "message" (4) + socket.io EVENT (2) + the array.
    /** @param {object} message */
    encode: (message) => `42${JSON.stringify(['message', message])}`,
  }
}
