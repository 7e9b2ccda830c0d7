// socket.io-client 4.8 with its default options (HTTP long-polling first, then an upgrade to
// WebSocket; reconnection delay 1 s doubling to 5 s, randomisation 0.5) against a socket.io 4.8 server.
// Up = 'connect' (the namespace handshake is done), down = 'disconnect'.
import { io } from 'socket.io-client'
import { linkState } from './link-state.mjs'

/** @type {import('./library.mjs').Open} */
export default async function open({ port, hooks }) {
  const link = linkState(hooks)
  const socket = io(`http://127.0.0.1:${port}`)
  socket.on('connect', link.up)
  socket.on('disconnect', link.down)
  const onMessage = hooks.message
  if (onMessage) socket.on('message', (m) => onMessage(m))
  await link.connected
  return {
    uid: 'u0',
    close: () => void socket.close(),
    /** @param {number} i */
    send: (i) => void socket.emit('message', { ref: `r${i}`, receiver: 'bob', text: `hello ${i}` }),
    // The inbound frames are WebSocket frames: wait until the polling transport was upgraded.
    ready: () =>
      new Promise((resolve) => {
        const engine = socket.io.engine
        if (engine.transport.name === 'websocket') resolve(undefined)
        else engine.once('upgrade', () => resolve(undefined))
      }),
  }
}
