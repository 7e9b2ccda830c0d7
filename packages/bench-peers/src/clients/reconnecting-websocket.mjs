// reconnecting-websocket 4.4 with its default options; `WebSocket: ws` only because Node 20 has no
// global WebSocket. Its default minReconnectionDelay is drawn once per module load
// (1000 + Math.random() × 4000), so every client of one process retries on the same schedule.
import ReconnectingWebSocket from 'reconnecting-websocket'
import { WebSocket } from 'ws'
import { linkState, sendFrame } from './link-state.mjs'

/** @type {import('./library.mjs').Open} */
export default async function open({ port, hooks }) {
  const link = linkState(hooks)
  const socket = new ReconnectingWebSocket(`ws://127.0.0.1:${port}/`, [], { WebSocket })
  socket.addEventListener('open', link.up)
  socket.addEventListener('close', link.down)
  const onMessage = hooks.message
  if (onMessage) socket.addEventListener('message', (e) => onMessage(JSON.parse(e.data)))
  await link.connected
  return {
    uid: 'u0',
    close: () => socket.close(),
    /** @param {number} i */
    send: (i) => socket.send(sendFrame(i)),
    ready: async () => {},
  }
}
