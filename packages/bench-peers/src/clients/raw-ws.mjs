// Raw `ws` (no reconnection, no heartbeat): the floor. The app callback JSON.parses each frame, as an
// app on a bare WebSocket would; the no-parse variant only counts frames.
import { WebSocket } from 'ws'
import { webSocketClient } from './web-socket-client.mjs'

/** @type {import('./library.mjs').Open} */
export const openParsing = ({ port, hooks }) =>
  webSocketClient(new WebSocket(`ws://127.0.0.1:${port}/`), hooks)

/** @type {import('./library.mjs').Open} */
export const openNoParse = ({ port, hooks }) =>
  webSocketClient(new WebSocket(`ws://127.0.0.1:${port}/`), hooks, false)
