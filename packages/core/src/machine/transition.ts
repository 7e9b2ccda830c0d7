import { CometChatException, errorOf } from '../errors.js'
import { CloseCodes, PROTOCOL_VERSION } from '../protocol.js'
import type { AppStateValue } from '../types.js'
import { deadlinesOf } from './deadlines.js'
import type { Effect } from './effects.js'
import type { EventContext, MachineEvent } from './events.js'
import { handleSocketMessage } from './server-frames.js'
import type { MachineState } from './state.js'
import {
  beginStep,
  closeSocket,
  emit,
  failAllWaiting,
  lost,
  openSocket,
  reconcile,
  reportError,
  type Step,
  setStatus,
  wireId,
} from './step.js'

/** The result of one transition. */
export interface TransitionResult {
  readonly state: MachineState
  readonly effects: readonly Effect[]
}

/**
 * The machine: `(state, event) -> { state, effects }`. Pure: no timers, sockets or globals; time and
 * randomness arrive in `ctx`. Expired deadlines are handled before the event (so a late timer acts in
 * the context it was set in) and again after it (a foreground transition may make one due).
 */
export function transition(state: MachineState, event: MachineEvent, ctx: EventContext): TransitionResult {
  const step = beginStep(state, ctx)
  if (state.destroyed) {
    rejectAfterDestroy(step, event)
    return { state, effects: step.effects }
  }
  expireDeadlines(step)
  handle(step, event)
  expireDeadlines(step)
  reconcile(step)
  return { state: step.s, effects: step.effects }
}

function rejectAfterDestroy(step: Step, event: MachineEvent): void {
  if ('req' in event) emit(step, { type: 'reject', req: event.req, error: errorOf('ERR_ENGINE_DESTROYED') })
}

function handle(step: Step, event: MachineEvent): void {
  const s = step.s
  switch (event.type) {
    case 'restore':
      s.session = event.session
      return
    case 'login':
      // A new login replaces any previous session and lifts a disconnect() suspension (B14).
      if (s.socket) {
        closeSocket(step, CloseCodes.NORMAL, 'new login')
        failAllWaiting(step, errorOf('ERR_CANCELLED', 'A new login replaced the session.'))
      }
      Object.assign(s, {
        session: event.session,
        suspended: false,
        manualWanted: false,
        attempt: 0,
        retryAt: null,
      })
      Object.assign(s, { backgroundDeadline: null, lastError: null })
      return
    case 'logout':
      closeSocket(step, CloseCodes.NORMAL, 'logout')
      failAllWaiting(step, errorOf('ERR_CANCELLED', 'logout() was called.'))
      Object.assign(s, { session: null, suspended: false, manualWanted: false, attempt: 0, retryAt: null })
      s.backgroundDeadline = null
      return
    case 'connect':
      return onConnect(step, event.req)
    case 'disconnect':
      // B14: close and suspend; in manual mode nothing but connect() reopens it.
      if (s.mode === 'auto') s.suspended = true
      else s.manualWanted = false
      Object.assign(s, { retryAt: null, backgroundDeadline: null })
      closeSocket(step, CloseCodes.NORMAL, 'disconnect')
      failAllWaiting(step, errorOf('ERR_CANCELLED', 'disconnect() was called.'))
      emit(step, { type: 'resolve', req: event.req })
      return
    case 'ping':
      return onPing(step, event.req)
    case 'send':
      return onSend(step, event.req, event.receiver, event.text)
    case 'appState':
      return onAppState(step, event.state)
    case 'network':
      return onNetwork(step, event.online)
    case 'socketOpen':
      if (s.socket?.id !== event.id || s.socket.phase !== 'opening') return
      s.socket = { ...s.socket, phase: 'authenticating', lastInboundAt: step.now }
      emit(step, {
        type: 'sendFrame',
        id: event.id,
        frame: {
          type: 'auth',
          v: PROTOCOL_VERSION,
          authToken: s.session?.authToken ?? '',
          presence: s.settings.subscribePresenceForAllUsers,
        },
      })
      return
    case 'socketMessage':
      if (s.socket?.id !== event.id) return
      return handleSocketMessage(step, event.data)
    case 'socketError':
      if (s.socket?.id !== event.id) return
      lost(step, errorOf('ERR_WEBSOCKET_ERROR'))
      return
    case 'socketClose':
      if (s.socket?.id !== event.id) return
      return onSocketClose(step, event.code, event.reason)
    case 'tick':
      return
    case 'destroy':
      closeSocket(step, CloseCodes.NORMAL, 'destroy')
      failAllWaiting(step, errorOf('ERR_ENGINE_DESTROYED'))
      Object.assign(s, { destroyed: true, retryAt: null, backgroundDeadline: null, attempt: 0 })
      return
  }
}

function onConnect(step: Step, req: number): void {
  const s = step.s
  const reject = (error: CometChatException) => emit(step, { type: 'reject', req, error })
  if (!s.session) return reject(errorOf('ERR_NOT_LOGGED_IN'))
  if (!s.online) return reject(errorOf('ERR_NO_INTERNET'))
  if (s.socket?.phase === 'open') return reject(errorOf('ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE'))
  if (s.mode === 'auto') {
    s.suspended = false // B9: lifts a disconnect() suspension
    if (s.appState === 'background') return reject(errorOf('ERR_APP_IN_BACKGROUND'))
  } else {
    s.manualWanted = true
    if (s.appState === 'background' && s.backgroundDeadline === null) {
      s.backgroundDeadline = step.now + s.settings.backgroundTimeout
    }
  }
  // B11: join the attempt in flight, else start one now (skipping any pending backoff).
  s.connectWaiters = [...s.connectWaiters, req]
  if (!s.socket) openSocket(step)
}

function onPing(step: Step, req: number): void {
  const s = step.s
  const reject = (error: CometChatException) => emit(step, { type: 'reject', req, error })
  if (s.mode === 'auto') return reject(errorOf('ERROR_PING_NOT_AVAILABLE'))
  if (!s.session) return reject(errorOf('ERR_NOT_LOGGED_IN'))
  if (!s.online) return reject(errorOf('ERR_NO_INTERNET'))
  if (s.socket?.phase !== 'open') return reject(errorOf('ERR_NOT_CONNECTED'))
  const id = wireId(step, 'p')
  s.pings = [...s.pings, { req, wireId: id, deadline: step.now + s.settings.pongTimeout }]
  // B5: the app's ping is the keep-alive; the grace period restarts when it is sent.
  if (s.appState === 'background') s.backgroundDeadline = step.now + s.settings.backgroundTimeout
  emit(step, { type: 'sendFrame', id: s.socket.id, frame: { type: 'ping', id } })
}

function onSend(step: Step, req: number, receiver: string, text: string): void {
  const s = step.s
  const reject = (error: CometChatException) => emit(step, { type: 'reject', req, error })
  if (!s.session) return reject(errorOf('ERR_NOT_LOGGED_IN'))
  if (s.socket?.phase !== 'open') {
    return reject(errorOf('ERR_NOT_CONNECTED', 'The message was not sent; send it again once connected.'))
  }
  const ref = wireId(step, 'm')
  s.sends = [...s.sends, { req, wireId: ref, deadline: step.now + s.settings.connectTimeout }]
  emit(step, { type: 'sendFrame', id: s.socket.id, frame: { type: 'send-message', ref, receiver, text } })
}

function onAppState(step: Step, next: AppStateValue): void {
  const s = step.s
  if (s.appState === next) return
  s.appState = next
  if (next === 'background') {
    if (s.mode === 'auto') {
      // B4 auto: closed immediately; reconcile() would do it, but waiters deserve the precise reason.
      closeSocket(step, CloseCodes.NORMAL, 'background')
      failAllWaiting(step, errorOf('ERR_APP_IN_BACKGROUND'))
    } else if (s.socket) {
      s.backgroundDeadline = step.now + s.settings.backgroundTimeout // B4 manual: grace period
    } else {
      Object.assign(s, { manualWanted: false, retryAt: null }) // nothing open: it stays closed (B6/B8)
    }
    return
  }
  // B6: foreground. Manual: the deadline is cancelled. Both: a pending retry happens at once.
  s.backgroundDeadline = null
  s.retryAt = null
}

function onNetwork(step: Step, online: boolean): void {
  const s = step.s
  if (s.online === online) return
  s.online = online
  if (online) {
    s.retryAt = null // an `online` event retries at once
    return
  }
  // No socket survives (or is opened) while offline; foreground manual mode reconnects on `online`.
  s.retryAt = null
  if (s.socket) {
    const error = errorOf('ERR_NO_INTERNET')
    reportError(step, error) // B15 order: the error, then `disconnected`
    closeSocket(step, CloseCodes.NORMAL, 'offline')
    failAllWaiting(step, error)
    s.backgroundDeadline = null
    if (s.mode === 'manual' && s.appState === 'background') s.manualWanted = false
  }
}

function onSocketClose(step: Step, code: number, reason: string): void {
  const s = step.s
  if (code === CloseCodes.AUTH_FAILED) {
    // B16: the token is dead. No reconnect loop: clear the session and report the error.
    const error = errorOf('ERR_AUTH_TOKEN_INVALID', undefined, { code, reason })
    s.socket = null
    reportError(step, error)
    setStatus(step, 'disconnected')
    failAllWaiting(step, error)
    Object.assign(s, { session: null, manualWanted: false, suspended: false, retryAt: null, attempt: 0 })
    s.backgroundDeadline = null
    emit(step, { type: 'clearSession' })
    return
  }
  if (code === CloseCodes.UNKNOWN_APP) {
    // A configuration error: retrying cannot help, so stop until the app calls connect() again.
    const error = new CometChatException(
      'ERR_AUTH_FAILED',
      'The server does not know this appId. Check the appId passed to createConnectionEngine().',
      { code, reason },
    )
    lost(step, error)
    Object.assign(s, { suspended: s.mode === 'auto', manualWanted: false, retryAt: null })
    return
  }
  lost(
    step,
    errorOf('ERR_WEBSOCKET_ERROR', reason ? `(close ${code}: ${reason})` : `(close ${code})`, {
      code,
      reason,
    }),
  )
}

/** Handles every deadline that has passed, in time order. */
function expireDeadlines(step: Step): void {
  const due = deadlinesOf(step.s)
    .filter((d) => d.at <= step.now)
    .sort((a, b) => a.at - b.at)
  for (const d of due) {
    const s = step.s
    switch (d.kind) {
      case 'connectTimeout':
        if (s.socket && s.socket.phase !== 'open') {
          lost(step, errorOf('ERR_WEBSOCKET_ERROR', `(no connection within ${s.settings.connectTimeout} ms)`))
        }
        break
      case 'heartbeatSend':
        if (s.socket?.phase === 'open' && s.socket.heartbeatSentAt === null) {
          s.socket = { ...s.socket, heartbeatSentAt: step.now }
          emit(step, { type: 'sendFrame', id: s.socket.id, frame: { type: 'ping', id: wireId(step, 'h') } })
        }
        break
      case 'heartbeatDead':
        if (s.socket?.phase === 'open' && s.socket.heartbeatSentAt !== null) {
          lost(
            step,
            errorOf('ERR_WEBSOCKET_ERROR', `(heartbeat: no answer within ${s.settings.pongTimeout} ms)`),
          )
        }
        break
      case 'stable':
        if (s.socket?.connectedAt != null && s.socket.connectedAt + s.settings.stableAfter <= step.now)
          s.attempt = 0
        break
      case 'background':
        // B4 manual: the grace period passed with no ping. Closed on purpose: stays closed (B6).
        if (s.backgroundDeadline === null || s.backgroundDeadline > step.now) break
        if (s.socket) {
          closeSocket(step, CloseCodes.NORMAL, 'background timeout')
          failAllWaiting(step, errorOf('ERR_CANCELLED', 'The background timeout closed the socket.'))
        }
        Object.assign(s, { manualWanted: false, backgroundDeadline: null, retryAt: null })
        break
      case 'retry':
        if (s.retryAt !== null && s.retryAt <= step.now) s.retryAt = null
        break
      case 'ping':
        if (s.pings.some((p) => p.req === d.req)) {
          s.pings = s.pings.filter((p) => p.req !== d.req)
          emit(step, { type: 'reject', req: d.req, error: errorOf('ERR_PING_TIMEOUT') })
          // No pong in time means a dead socket: treat it as lost (B7/B8) rather than trust it.
          lost(step, errorOf('ERR_WEBSOCKET_ERROR', '(ping timed out)'))
        }
        break
      case 'send':
        if (s.sends.some((p) => p.req === d.req)) {
          s.sends = s.sends.filter((p) => p.req !== d.req)
          const error = errorOf('ERR_WEBSOCKET_ERROR', '(the server did not acknowledge the message in time)')
          emit(step, { type: 'reject', req: d.req, error })
        }
        break
    }
  }
}
