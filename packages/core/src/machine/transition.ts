import { type CometChatException, errorOf } from '../errors.js'
import { CLOSE_AUTH_FAILED, CLOSE_UNKNOWN_APP, PROTOCOL_VERSION } from '../protocol.js'
import type { AppStateValue } from '../types.js'
import { expireDeadlines } from './deadlines.js'
import type { Effect } from './effects.js'
import type { EventContext, MachineEvent } from './events.js'
import { handleSocketMessage } from './server-frames.js'
import { type MachineState, type Session, wantsSocket } from './state.js'
import { beginStep, closeSocket, emit, lost, openSocket, reportError, type Step, wireId } from './step.js'

/** The result of one transition. */
export interface TransitionResult {
  readonly state: MachineState
  readonly effects: readonly Effect[]
}

/**
 * The machine: `(state, event) -> { state, effects }`. Pure: no timers, sockets or globals; time and
 * randomness arrive in `ctx`. Expired deadlines fire before the event (so a late timer acts in the
 * context it was set in) and again after it (a foreground transition may make one due); then the
 * socket is reconciled with the intent.
 */
export function transition(state: MachineState, event: MachineEvent, ctx: EventContext): TransitionResult {
  const step = beginStep(state, ctx)
  if (state.destroyed) {
    if ('req' in event) emit(step, { type: 'reject', req: event.req, error: errorOf('ERR_ENGINE_DESTROYED') })
    return { state, effects: step.effects }
  }
  expireDeadlines(step)
  handle(step, event)
  expireDeadlines(step)
  reconcile(step)
  return { state: step.s, effects: step.effects }
}

/**
 * Makes the socket match the intent: closed when not wanted; opened when wanted and no backoff is
 * pending. Runs after every event, so intent and environment are always reconciled.
 */
function reconcile(step: Step): void {
  const s = step.s
  if (wantsSocket(s)) {
    if (s.retryAt === null) openSocket(step)
    return
  }
  s.retryAt = null
  if (s.socket) closeSocket(step, errorOf('ERR_CANCELLED'))
  if (!s.session) s.attempt = 0
}

/** A new session (login), none (logout), or a dead one (B16): intent starts over. */
function startOver(step: Step, session: Session | null, why: CometChatException): void {
  closeSocket(step, why)
  Object.assign(step.s, { session, suspended: false, manualWanted: false, attempt: 0, retryAt: null })
  step.s.backgroundDeadline = null
}

function handle(step: Step, event: MachineEvent): void {
  const s = step.s
  const sameSocket = 'id' in event && s.socket?.id === event.id
  switch (event.type) {
    case 'restore':
      s.session = event.session
      return
    case 'login':
      // A new login replaces any previous session and lifts a disconnect() suspension (B14).
      startOver(step, event.session, errorOf('ERR_CANCELLED'))
      s.lastError = null
      return
    case 'logout':
      return startOver(step, null, errorOf('ERR_CANCELLED'))
    case 'connect':
      return onConnect(step, event.req)
    case 'disconnect':
      // B14: close and suspend; in manual mode nothing but connect() reopens it.
      if (s.mode === 'auto') s.suspended = true
      else s.manualWanted = false
      s.backgroundDeadline = null
      closeSocket(step, errorOf('ERR_CANCELLED'))
      return emit(step, { type: 'resolve', req: event.req })
    case 'ping':
    case 'send':
      return onRequest(step, event)
    case 'appState':
      return onAppState(step, event.state)
    case 'network':
      return onNetwork(step, event.online)
    case 'socketOpen':
      if (!sameSocket || s.socket!.phase !== 'opening') return
      s.socket = { ...s.socket!, phase: 'authenticating', lastInboundAt: step.now }
      return emit(step, {
        type: 'sendFrame',
        id: event.id,
        frame: {
          type: 'auth',
          v: PROTOCOL_VERSION,
          authToken: s.session!.authToken,
          presence: s.settings.subscribePresenceForAllUsers,
        },
      })
    case 'socketMessage':
      return sameSocket ? handleSocketMessage(step, event.data) : undefined
    case 'socketError':
      return sameSocket ? lost(step, errorOf('ERR_WEBSOCKET_ERROR')) : undefined
    case 'socketClose':
      return sameSocket ? onSocketClose(step, event.code, event.reason) : undefined
    case 'destroy':
      closeSocket(step, errorOf('ERR_ENGINE_DESTROYED'))
      s.destroyed = true
      s.backgroundDeadline = null
      return
  }
}

function onConnect(step: Step, req: number): void {
  const s = step.s
  const error = !s.session
    ? 'ERR_NOT_LOGGED_IN'
    : !s.online
      ? 'ERR_NO_INTERNET'
      : s.socket?.phase === 'open'
        ? 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE'
        : null
  if (error) return emit(step, { type: 'reject', req, error: errorOf(error) })
  if (s.mode === 'auto') {
    s.suspended = false // B9: lifts a disconnect() suspension
    if (s.appState === 'background')
      return emit(step, { type: 'reject', req, error: errorOf('ERR_APP_IN_BACKGROUND') })
  } else {
    s.manualWanted = true
    if (s.appState === 'background') s.backgroundDeadline ??= step.now + s.settings.backgroundTimeout
  }
  // B11: join the attempt in flight, else start one now (skipping any pending backoff).
  s.connectWaiters = [...s.connectWaiters, req]
  openSocket(step)
}

/** `ping()` (manual mode) and `sendMessage()`: a frame that the server answers. */
function onRequest(step: Step, event: Extract<MachineEvent, { type: 'ping' | 'send' }>): void {
  const s = step.s
  const { req } = event
  const ping = event.type === 'ping'
  const error =
    ping && s.mode === 'auto'
      ? 'ERROR_PING_NOT_AVAILABLE'
      : !s.session
        ? 'ERR_NOT_LOGGED_IN'
        : ping && !s.online
          ? 'ERR_NO_INTERNET'
          : s.socket?.phase !== 'open'
            ? 'ERR_NOT_CONNECTED'
            : null
  if (error) return emit(step, { type: 'reject', req, error: errorOf(error) })
  const wire = wireId(step, ping ? 'p' : 'm')
  const timeout = ping ? s.settings.pongTimeout : s.settings.connectTimeout
  s.pending = [...s.pending, { kind: event.type, req, wireId: wire, deadline: step.now + timeout }]
  // B5: the app's ping is the keep-alive; the grace period restarts when it is sent.
  if (ping && s.appState === 'background') s.backgroundDeadline = step.now + s.settings.backgroundTimeout
  emit(step, {
    type: 'sendFrame',
    id: s.socket!.id,
    frame: ping
      ? { type: 'ping', id: wire }
      : { type: 'send-message', ref: wire, receiver: event.receiver, text: event.text },
  })
}

function onAppState(step: Step, next: AppStateValue): void {
  const s = step.s
  if (s.appState === next) return
  s.appState = next
  // B6: foreground cancels the manual-mode deadline; a pending retry (either mode) happens at once.
  s.backgroundDeadline = null
  s.retryAt = null
  if (next === 'foreground') return
  if (s.mode === 'auto') {
    closeSocket(step, errorOf('ERR_APP_IN_BACKGROUND')) // B4 auto: closed immediately
  } else if (s.socket) {
    s.backgroundDeadline = step.now + s.settings.backgroundTimeout // B4 manual: grace period
  } else {
    s.manualWanted = false // nothing open: it stays closed until connect() (B6/B8)
  }
}

function onNetwork(step: Step, online: boolean): void {
  const s = step.s
  if (s.online === online) return
  s.online = online
  s.retryAt = null // `online` retries at once; no retries while offline
  if (online || !s.socket) return
  // No socket survives (or is opened) while offline; foreground manual mode reconnects on `online`.
  closeSocket(step, errorOf('ERR_NO_INTERNET'), true)
  s.backgroundDeadline = null
  if (s.mode === 'manual' && s.appState === 'background') s.manualWanted = false
}

function onSocketClose(step: Step, code: number, reason: string): void {
  const details = { code, reason }
  if (code === CLOSE_AUTH_FAILED) {
    // B16: the token is dead. No reconnect loop: report, clear the session.
    const error = errorOf('ERR_AUTH_TOKEN_INVALID', undefined, details)
    reportError(step, error) // B15 order: the error, then `disconnected` (from startOver)
    startOver(step, null, error)
    return emit(step, { type: 'clearSession' })
  }
  if (code === CLOSE_UNKNOWN_APP) {
    // A configuration error: retrying cannot help, so stop until the app calls connect() again.
    // Intent off first, so lost() schedules no retry.
    Object.assign(step.s, { suspended: step.s.mode === 'auto', manualWanted: false })
    return lost(step, errorOf('ERR_AUTH_FAILED', '(unknown appId)', details))
  }
  lost(step, errorOf('ERR_WEBSOCKET_ERROR', `(close ${code}${reason ? `: ${reason}` : ''})`, details))
}
