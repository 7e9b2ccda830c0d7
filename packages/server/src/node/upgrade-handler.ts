import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { ErrorCodes, SOCKET_PATH } from '@cometchat-connection/core'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'
import { CLOSE_SEND_BUFFER_FULL } from '../protocol/send-buffer-full.js'
import type { ConnectionHandlers } from '../protocol/server-connection.js'

/** Answers an upgrade request with a plain HTTP error and closes the TCP socket. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = JSON.stringify({ error: { code: ErrorCodes.WEBSOCKET_ERROR, message: text } })
  socket.on('error', () => {})
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
  // end() flushes the answer; destroy afterwards so a client that never closes cannot hold the socket.
  socket.once('finish', () => socket.destroy())
}

function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

/**
 * Connects one accepted `ws` socket to the protocol core; returns the handlers it feeds.
 *
 * A send that leaves more than `maxBufferedBytes` in the socket's send buffer (`ws.bufferedAmount`:
 * what neither `ws` nor the kernel could pass on yet, because the client does not read) closes the
 * socket with {@link CLOSE_SEND_BUFFER_FULL}, and nothing more is sent to it. The buffer therefore holds
 * at most `maxBufferedBytes` plus the one frame that crossed the limit, plus the close frame.
 *
 * Paced sends (a resume's replay) wait whenever the buffer holds more than half the limit, until the
 * frame just sent has left it: a replay of any size flows at the client's pace and never trips the limit.
 */
export function attachSocket(
  core: RealtimeServerCore,
  ws: WebSocket,
  appId: string | null,
  maxBufferedBytes: number,
): ConnectionHandlers {
  const lowWater = Math.floor(maxBufferedBytes / 2)
  let overflowed = false
  /** After a send: closes the socket when its buffer passed the limit; true while it may still be used. */
  const checkBuffer = (): boolean => {
    if (ws.bufferedAmount <= maxBufferedBytes) return true
    overflowed = true
    // A clean close, so the client learns why once it reads again; the close frame waits behind the
    // buffered data. A reader that never drains is cut by ws's close timeout (30 s).
    ws.close(CLOSE_SEND_BUFFER_FULL, 'send buffer full')
    // The core forgets the socket now (presence goes offline, messages stop), not when the close
    // handshake ends, which a stalled reader delays. Deferred: this runs inside a core call (a
    // broadcast, auth-ok), which must finish before the session is removed.
    queueMicrotask(() => handlers.onClose())
    return false
  }
  const handlers: ConnectionHandlers = core.openConnection(appId, {
    send: (text) => {
      if (overflowed || ws.readyState !== ws.OPEN) return
      ws.send(text)
      checkBuffer()
    },
    sendPaced: (text) => {
      if (overflowed || ws.readyState !== ws.OPEN) return undefined
      // ws calls back once the frame left its buffer and the socket's, or with an error when the socket
      // closed first: either way the wait ends.
      const written = new Promise<void>((resolve) => ws.send(text, () => resolve()))
      if (!checkBuffer()) return undefined
      return ws.bufferedAmount > lowWater ? written : undefined
    },
    close: (code, reason) => ws.close(code, reason),
  })
  ws.on('message', (data, isBinary) =>
    isBinary ? handlers.onBinary() : handlers.onText(rawDataToString(data)),
  )
  ws.on('close', () => handlers.onClose())
  // ws closes the socket itself after a protocol error (oversized frame → 1009, bad UTF-8 → 1007);
  // without a listener the error event would crash the process.
  ws.on('error', () => {})
  return handlers
}

/** What the upgrade listener needs from the running server. */
export interface UpgradeGate {
  /** True while the server shuts down or a test asked it to refuse new sockets. */
  refusing(): boolean
  /** Called for every accepted socket with the handlers it feeds. */
  accepted(ws: WebSocket, handlers: ConnectionHandlers): void
}

/**
 * The `upgrade` listener: only `/v1/ws` becomes a WebSocket (anything else → 404); while the gate is
 * closed → 503. The app id comes from `?appId=`; the token never does (it is the first frame).
 * Every socket gets the send-buffer limit `maxBufferedBytes` (see {@link attachSocket}).
 */
export function createUpgradeHandler(
  core: RealtimeServerCore,
  wss: WebSocketServer,
  gate: UpgradeGate,
  maxBufferedBytes: number,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://upgrade.invalid')
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found')
    if (gate.refusing()) return refuseUpgrade(socket, 503, 'Service Unavailable')
    wss.handleUpgrade(req, socket, head, (ws) =>
      gate.accepted(ws, attachSocket(core, ws, url.searchParams.get('appId'), maxBufferedBytes)),
    )
  }
}
