import { CometChatException, errorOf } from '../errors.js'
import { toPresenceUser, toTextMessage } from '../models.js'
import { decodeServerFrame } from './decode-server-frame.js'
import type { Waiter } from './state.js'
import { emit, now, reportError, s, setStatus, settleWaiters } from './step.js'

/** Removes and returns the waiter of the frame with this wire id, if any. */
function takeWaiter(wire?: string): Waiter | undefined {
  const found = wire === undefined ? undefined : s.waiters.find((w) => w.wire === wire)
  s.waiters = s.waiters.filter((w) => w !== found)
  return found
}

/** Handles one frame from the current socket. Any frame proves the socket alive (heartbeat). */
export function handleSocketMessage(data: unknown): void {
  const socket = { ...s.socket!, lastInboundAt: now, heartbeatSentAt: undefined }
  s.socket = socket
  const frame = decodeServerFrame(data)
  if (!frame) {
    // Reported, never thrown: the connection itself may be fine.
    const shown = typeof data === 'string' ? data.slice(0, 200) : typeof data
    return reportError(errorOf('ERR_MALFORMED_FRAME', '', { frame: shown }))
  }
  switch (frame.type) {
    case 'auth-ok':
      if (socket.phase !== 'authenticating') return
      s.socket = { ...socket, phase: 'open', connectedAt: now }
      s.lastError = null
      if (s.mode === 'manual' && s.appState === 'background') {
        s.backgroundDeadline ??= now + s.settings.backgroundTimeout
      }
      setStatus('connected')
      // Before `open` only connect() calls wait (ping and send need an open socket).
      return settleWaiters()
    case 'ping':
      return emit('send', socket.id, { type: 'pong', id: frame.id })
    case 'pong':
    case 'message-ack': {
      // A heartbeat pong matches no waiter: receiving it was the point.
      const ack = frame.type === 'message-ack'
      const w = takeWaiter(ack ? frame.ref : frame.id)
      if (w) emit('settle', w.req, undefined, ack ? toTextMessage(frame.message) : undefined)
      return
    }
    case 'message':
      return emit('call', 'message', 'onTextMessageReceived', toTextMessage(frame.message))
    case 'presence':
      return emit(
        'call',
        'user',
        frame.status === 'online' ? 'onUserOnline' : 'onUserOffline',
        toPresenceUser(frame),
      )
    case 'throttle':
      return emit('call', 'connection', 'onFeatureThrottled') // B17
    case 'error': {
      const error = new CometChatException('ERR_SERVER_ERROR', `${frame.message} (${frame.code})`, frame)
      const w = takeWaiter(frame.ref)
      return w ? emit('settle', w.req, error) : reportError(error)
    }
  }
}
