// The client of a library that looks like a WebSocket (addEventListener, send, close): partysocket,
// reconnecting-websocket and raw ws. Up = 'open', down = 'close'; the app callback gets each text
// frame JSON.parsed (or as it is, when `parse` is false).
import { linkState } from './link-state.mjs'

/** A send of the outbound scenario: the same JSON for every WebSocket-level library. */
export const sendFrame = (i) =>
  JSON.stringify({ type: 'send-message', ref: `r${i}`, receiver: 'bob', text: `hello ${i}` })

/**
 * @param {{ addEventListener(type: string, listener: (e: { data?: unknown }) => void): void, send(data: string): void, close(): void }} socket
 * @param {import('./link-state.mjs').LinkHooks} hooks
 * @param {boolean} [parse]
 * @returns {Promise<import('./library.mjs').Client>} once the socket is open
 */
export async function webSocketClient(socket, hooks, parse = true) {
  const link = linkState(hooks)
  socket.addEventListener('open', link.up)
  socket.addEventListener('close', link.down)
  // ws's EventTarget API emits 'error' events; without a listener nothing is thrown, but say so.
  socket.addEventListener('error', () => {})
  const onMessage = hooks.message
  if (onMessage) {
    socket.addEventListener(
      'message',
      parse ? (e) => onMessage(JSON.parse(String(e.data))) : (e) => onMessage(e.data),
    )
  }
  await link.connected
  return {
    uid: 'u0',
    close: () => socket.close(),
    /** @param {number} i */
    send: (i) => socket.send(sendFrame(i)),
    ready: async () => {},
  }
}
