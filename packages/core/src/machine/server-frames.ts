import { CometChatException, errorOf } from '../errors.js'
import { decodeServerFrame } from './decode-server-frame.js'
import { emit, reportError, type Step, setStatus, settleConnectWaiters } from './step.js'

/** Handles one frame from the current socket. Any frame proves the socket alive (heartbeat). */
export function handleSocketMessage(step: Step, data: unknown): void {
  const s = step.s
  const socket = s.socket
  if (!socket) return
  s.socket = { ...socket, lastInboundAt: step.now, heartbeatSentAt: null }
  const frame = decodeServerFrame(data)
  if (!frame) {
    // A malformed frame is reported, never thrown: the connection itself may be fine.
    const shown = typeof data === 'string' ? data.slice(0, 200) : typeof data
    reportError(step, errorOf('ERR_MALFORMED_FRAME', undefined, { frame: shown }))
    return
  }
  switch (frame.type) {
    case 'auth-ok':
      if (socket.phase !== 'authenticating') return
      s.socket = { ...s.socket!, phase: 'open', connectedAt: step.now }
      s.lastError = null
      if (s.mode === 'manual' && s.appState === 'background' && s.backgroundDeadline === null) {
        s.backgroundDeadline = step.now + s.settings.backgroundTimeout
      }
      setStatus(step, 'connected')
      settleConnectWaiters(step, null)
      return
    case 'ping':
      emit(step, { type: 'sendFrame', id: socket.id, frame: { type: 'pong', id: frame.id } })
      return
    case 'pong': {
      const ping = s.pings.find((p) => p.wireId === frame.id)
      if (!ping) return // a heartbeat pong: receiving it was the point
      s.pings = s.pings.filter((p) => p !== ping)
      emit(step, { type: 'resolve', req: ping.req })
      return
    }
    case 'message':
      emit(step, { type: 'message', message: frame.message })
      return
    case 'message-ack': {
      const send = s.sends.find((p) => p.wireId === frame.ref)
      if (!send) return
      s.sends = s.sends.filter((p) => p !== send)
      emit(step, { type: 'resolve', req: send.req, value: frame.message })
      return
    }
    case 'presence':
      emit(step, { type: 'presence', frame })
      return
    case 'throttle':
      emit(step, { type: 'throttled', frame }) // B17
      return
    case 'error': {
      const error = new CometChatException('ERR_SERVER_ERROR', `${frame.message} (${frame.code})`, frame)
      const send = frame.ref === undefined ? undefined : s.sends.find((p) => p.wireId === frame.ref)
      if (send) {
        s.sends = s.sends.filter((p) => p !== send)
        emit(step, { type: 'reject', req: send.req, error })
        return
      }
      reportError(step, error)
      return
    }
  }
}
