// phoenix.js 1.8 (the Phoenix framework's client) with its default options; `transport: ws` only
// because Node 20 has no global WebSocket. Heartbeat every 30 s, reconnect after 10, 50, 100, 150,
// 200, 250, 500, 1000, 2000 ms then every 5 s, no jitter. Up = the channel's join answered `ok`
// (after every rejoin), down = a channel error or the socket's error/close.
import { Socket } from 'phoenix'
import { WebSocket } from 'ws'
import { linkState } from './link-state.mjs'

/** @type {import('./library.mjs').Open} */
export default async function open({ port, hooks }) {
  const link = linkState(hooks)
  const socket = new Socket(`ws://127.0.0.1:${port}/socket`, { transport: WebSocket })
  socket.onError(link.down)
  socket.onClose(link.down)
  socket.connect()
  const channel = socket.channel('room:bench', {})
  channel.onError(link.down)
  const onMessage = hooks.message
  if (onMessage) channel.on('message', (m) => onMessage(m))
  channel.join().receive('ok', link.up)
  await link.connected
  return {
    uid: 'u0',
    close: () => socket.disconnect(),
    /** @param {number} i */
    send: (i) => void channel.push('message', { ref: `r${i}`, receiver: 'bob', text: `hello ${i}` }),
    ready: async () => {},
  }
}
