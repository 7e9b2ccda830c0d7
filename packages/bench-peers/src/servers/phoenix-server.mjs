// A tiny server answering Phoenix's socket protocol (serializer v2: [join_ref, ref, topic, event,
// payload]) as far as phoenix.js needs: a phx_reply to `heartbeat`, `phx_join` and `phx_leave`.
// Everything else is ignored. Not Phoenix itself (that is Elixir): it stands in for its wire behaviour.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { closeGoingAway, listen } from './listen.mjs'

const REPLIES = new Set(['heartbeat', 'phx_join', 'phx_leave'])

export function createPhoenixServer() {
  /** @type {{ http: import('node:http').Server, wss: WebSocketServer } | null} */
  let running = null
  let lastJoinRef = null
  let lastTopic = 'room:bench'
  return {
    stopNote: 'a 1001 close frame to every client (like Cowboy on shutdown), then stops listening',
    /** @param {number} port */
    async start(port) {
      const http = createServer((_req, res) => res.writeHead(404).end())
      const wss = new WebSocketServer({ server: http, path: '/socket/websocket' })
      wss.on('connection', (ws) => {
        ws.on('error', () => {})
        ws.on('message', (data) => {
          let frame
          try {
            frame = JSON.parse(String(data))
          } catch {
            return
          }
          if (!Array.isArray(frame)) return
          const [joinRef, ref, topic, event] = frame
          if (!REPLIES.has(event)) return
          if (event === 'phx_join') {
            lastJoinRef = joinRef
            lastTopic = topic
          }
          ws.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', { status: 'ok', response: {} }]))
        })
      })
      running = { http, wss }
      return listen(http, port)
    },
    async stop() {
      if (running) await closeGoingAway(running.http, running.wss)
    },
    /** @param {object} message */
    encode: (message) => JSON.stringify([lastJoinRef, null, lastTopic, 'message', message]),
  }
}
