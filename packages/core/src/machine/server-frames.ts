import { CometChatException, errorOf } from '../errors.js'
import { decodeServerFrame } from './decode-server-frame.js'
import { emit, reportError, type Step, setStatus, settleConnectWaiters } from './step.js'

/** Removes and returns the pending request with this wire id, if any. */
function takePending(step: Step, wireId: string | undefined) {
  const found = step.s.pending.find((p) => p.wireId === wireId)
  if (found) step.s.pending = step.s.pending.filter((p) => p !== found)
  return found
}

/** Handles one frame from the current socket. Any frame proves the socket alive (heartbeat). */
export function handleSocketMessage(step: Step, data: unknown): void {
  const s = step.s
  const socket = { ...s.socket!, lastInboundAt: step.now, heartbeatSentAt: null }
  s.socket = socket
  const frame = decodeServerFrame(data)
  if (!frame) {
    // Reported, never thrown: the connection itself may be fine.
    const shown = typeof data === 'string' ? data.slice(0, 200) : typeof data
    return reportError(step, errorOf('ERR_MALFORMED_FRAME', undefined, { frame: shown }))
  }
  switch (frame.type) {
    case 'auth-ok':
      if (socket.phase !== 'authenticating') return
      s.socket = { ...socket, phase: 'open', connectedAt: step.now }
      s.lastError = null
      if (s.mode === 'manual' && s.appState === 'background') {
        s.backgroundDeadline ??= step.now + s.settings.backgroundTimeout
      }
      setStatus(step, 'connected')
      return settleConnectWaiters(step)
    case 'ping':
      return emit(step, { type: 'sendFrame', id: socket.id, frame: { type: 'pong', id: frame.id } })
    case 'pong':
    case 'message-ack': {
      // A heartbeat pong matches nothing: receiving it was the point.
      const p = takePending(step, frame.type === 'pong' ? frame.id : frame.ref)
      if (p)
        emit(step, {
          type: 'resolve',
          req: p.req,
          ...(frame.type === 'message-ack' && { value: frame.message }),
        })
      return
    }
    case 'message':
      return emit(step, { type: 'message', message: frame.message })
    case 'presence':
      return emit(step, { type: 'presence', frame })
    case 'throttle':
      return emit(step, { type: 'notify', method: 'onFeatureThrottled' }) // B17
    case 'error': {
      const error = new CometChatException('ERR_SERVER_ERROR', `${frame.message} (${frame.code})`, frame)
      const p = takePending(step, frame.ref)
      return p ? emit(step, { type: 'reject', req: p.req, error }) : reportError(step, error)
    }
  }
}
