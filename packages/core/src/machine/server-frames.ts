import { CometChatException, ErrorCodes, errorOf } from '../errors.js'
import { decodeServerFrame } from './decode-server-frame.js'
import type { Step } from './step.js'

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
    step.reportError(errorOf(ErrorCodes.MALFORMED_FRAME, undefined, { frame: shown }))
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
      step.setStatus('connected')
      step.settleConnectWaiters(null)
      return
    case 'ping':
      step.emit({ type: 'sendFrame', id: socket.id, frame: { type: 'pong', id: frame.id } })
      return
    case 'pong': {
      const ping = s.pings.find((p) => p.wireId === frame.id)
      if (!ping) return // a heartbeat pong: receiving it was the point
      s.pings = s.pings.filter((p) => p !== ping)
      step.emit({ type: 'resolve', req: ping.req })
      return
    }
    case 'message':
      step.emit({ type: 'message', message: frame.message })
      return
    case 'message-ack': {
      const send = s.sends.find((p) => p.wireId === frame.ref)
      if (!send) return
      s.sends = s.sends.filter((p) => p !== send)
      step.emit({ type: 'resolve', req: send.req, value: frame.message })
      return
    }
    case 'presence':
      step.emit({ type: 'presence', frame })
      return
    case 'throttle':
      step.emit({ type: 'throttled', frame }) // B17
      return
    case 'error': {
      const error = new CometChatException(ErrorCodes.SERVER_ERROR, `${frame.message} (${frame.code})`, frame)
      const send = frame.ref === undefined ? undefined : s.sends.find((p) => p.wireId === frame.ref)
      if (send) {
        s.sends = s.sends.filter((p) => p !== send)
        step.emit({ type: 'reject', req: send.req, error })
        return
      }
      step.reportError(error)
      return
    }
  }
}
