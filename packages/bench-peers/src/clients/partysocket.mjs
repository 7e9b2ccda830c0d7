// partysocket 1.3's reconnecting WebSocket (the `partysocket/ws` entry, the one for any URL) with its
// default options; `WebSocket: ws` only because Node 20 has no global WebSocket. No jitter: every
// client waits the same minReconnectionDelay (3 s) × 1.3^n.
import ReconnectingWebSocket from 'partysocket/ws'
import { WebSocket } from 'ws'
import { webSocketClient } from './web-socket-client.mjs'

/** @type {import('./library.mjs').Open} */
export default function open({ port, hooks }) {
  return webSocketClient(
    new ReconnectingWebSocket(`ws://127.0.0.1:${port}/`, undefined, { WebSocket }),
    hooks,
  )
}
