// reconnecting-websocket 4.4 with its default options; `WebSocket: ws` only because Node 20 has no
// global WebSocket. Its default minReconnectionDelay is drawn once per module load
// (1000 + Math.random() × 4000), so every client of one process retries on the same schedule.
import ReconnectingWebSocket from 'reconnecting-websocket'
import { WebSocket } from 'ws'
import { webSocketClient } from './web-socket-client.mjs'

/** @type {import('./library.mjs').Open} */
export default function open({ port, hooks }) {
  return webSocketClient(new ReconnectingWebSocket(`ws://127.0.0.1:${port}/`, [], { WebSocket }), hooks)
}
