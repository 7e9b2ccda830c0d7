// The bench servers by kind: which server each library's clients talk to.
import { createEngineServer } from './engine-server.mjs'
import { createPhoenixServer } from './phoenix-server.mjs'
import { createSocketIoServer } from './socketio-server.mjs'
import { createWsServer } from './ws-server.mjs'

/**
 * @typedef {object} BenchServer
 * @property {string} stopNote what the clients get when it stops
 * @property {(port: number) => Promise<number>} start listens on `port` (0: a free one)
 * @property {() => Promise<void>} stop the server's own graceful shutdown
 * @property {() => void} [cut] cuts every socket; default: destroy every TCP socket of the process
 * @property {(message: object) => string} encode the text frame carrying one chat message
 */

/** @type {Record<string, (options: object) => BenchServer>} */
export const SERVER_KINDS = {
  engine: createEngineServer,
  ws: createWsServer,
  'socket.io': createSocketIoServer,
  phoenix: createPhoenixServer,
}
