// partysocket 1.3's reconnecting WebSocket (the `partysocket/ws` entry, the one for any URL) with its
// default options; `WebSocket: ws` only because Node 20 has no global WebSocket. No jitter: every
// client waits the same minReconnectionDelay (3 s) × 1.3^n.
import ReconnectingWebSocket from 'partysocket/ws'
import { WebSocket } from 'ws'
import { linkState, sendFrame } from './link-state.mjs'

/** @type {import('./library.mjs').Open} */
export default async function open({ port, hooks }) {
  const link = linkState(hooks)
  const socket = new ReconnectingWebSocket(`ws://127.0.0.1:${port}/`, undefined, { WebSocket })
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
