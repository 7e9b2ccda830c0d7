// Raw `ws` (no reconnection, no heartbeat): the floor. The app callback JSON.parses each frame, as an
// app on a bare WebSocket would; the no-parse variant only counts frames.
import { WebSocket } from 'ws'
import { linkState, sendFrame } from './link-state.mjs'

/** @param {boolean} parse @returns {import('./library.mjs').Open} */
const rawWs = (parse) =>
  async function open({ port, hooks }) {
    const link = linkState(hooks)
    const socket = new WebSocket(`ws://127.0.0.1:${port}/`)
    socket.onopen = link.up
    socket.onclose = link.down
    socket.onerror = () => {}
    const onMessage = hooks.message
    if (onMessage)
      socket.onmessage = parse ? (e) => onMessage(JSON.parse(String(e.data))) : (e) => onMessage(e.data)
    await link.connected
    return {
      uid: 'u0',
      close: () => socket.close(),
      /** @param {number} i */
      send: (i) => socket.send(sendFrame(i)),
      ready: async () => {},
    }
  }

export const openParsing = rawWs(true)
export const openNoParse = rawWs(false)
