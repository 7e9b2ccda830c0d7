import { sendFrame, withSend } from '../delivery/outbox.js'
import type { Position } from '../delivery/positions.js'
import { errorOf, type StandardErrorCode } from '../errors.js'
import { NONE } from '../none.js'
import { CLOSE_AUTH_FAILED, CLOSE_TRY_AGAIN_LATER, CLOSE_UNKNOWN_APP, PROTOCOL_VERSION } from '../protocol.js'
import { expireDeadlines } from './deadlines.js'
import type { Effect } from './effects.js'
import type { EventArgs, MachineEvent, Request } from './events.js'
import { handleSocketMessage } from './server-frames.js'
import { type MachineState, type Session, wantsSocket } from './state.js'
import {
  beginStep,
  cancelOutbox,
  closeSocket,
  emit,
  endStep,
  lost,
  now,
  openSocket,
  random,
  reportError,
  s,
  settle,
  wireId,
} from './step.js'

/** The result of one transition. */
export interface TransitionResult {
  readonly state: MachineState
  readonly effects: readonly Effect[]
}

/**
 * The machine: `(state, event) -> { state, effects }`. Pure: no timers, sockets or globals; what it
 * reads from the world arrives with the event: the time (`now`, epoch ms) and a random number in
 * [0, 1) for jitter (`random`). Expired deadlines fire before the event (so a late timer acts in the
 * context it was set in) and again after it (a foreground transition may make one due); then the
 * socket is reconciled with the intent. A destroyed engine ignores everything (the shell rejects
 * requests after `destroy()` itself).
 */
export function transition(
  state: MachineState,
  event: MachineEvent,
  now: number,
  random: number,
): TransitionResult {
  if (state.destroyed) return { state, effects: [] }
  beginStep(state, now, random)
  const [name, ...args] = event
  expireDeadlines()
  ;(handlers[name] as (...a: unknown[]) => void)(...args)
  expireDeadlines()
  reconcile()
  return endStep()
}

/**
 * The hot path for `sendMessage()`: while no deadline is due, a send whose own deadline is not the
 * earliest gets the transition's result from the `send` rule alone. The rest of a step has nothing to
 * do then: no deadline fires, and the rule changes only the outbox, which reconcile() does not read
 * unless the send was refused (logged out, no intent: the outbox is empty then), so it finds the
 * socket as wanted; the earliest deadline stays where the shell's timer is. Else null: the shell takes
 * the full transition, which re-arms the timer for a send whose deadline is the earliest.
 *
 * @param dueAt - the earliest deadline of `state` (the shell's armed timer)
 */
export function quickSend(
  state: MachineState,
  args: EventArgs['send'],
  now: number,
  dueAt: number,
): TransitionResult | null {
  if (now >= dueAt || now + state.settings.sendTimeout < dueAt) return null
  beginStep(state, now, 0)
  send(...args)
  return endStep()
}

/**
 * Makes the socket match the intent: closed when not wanted; opened when wanted and no backoff is
 * pending. Runs after every event, so intent and environment are always reconciled.
 */
function reconcile(): void {
  // Queued sends wait for a connection that is coming; when none is (logged out, `disconnect()`, manual
  // mode without `connect()`), they fail now rather than at their deadline.
  if (!s.session || !s.intent) cancelOutbox(errorOf('ERR_CANCELLED'))
  if (wantsSocket(s)) {
    // B4 manual (the only mode that wants a socket in background): the socket has a grace period,
    // from when it was first wanted there; the app's ping() restarts it.
    if (s.appState === 'background') s.backgroundDeadline ??= now + s.settings.backgroundTimeout
    if (s.retryAt === null) openSocket() // the only place a socket is opened
    return
  }
  s.retryAt = s.backgroundDeadline = null
  if (s.socket) closeSocket(errorOf('ERR_CANCELLED'))
}

/**
 * A session begins (restored by `init()`, or a login) or ends (logout, or a dead token: B16): intent
 * starts over, and nothing of the previous session is sent or resumed for the next one, which resumes
 * from its own user's saved `position`.
 */
function startOver(
  session: Session | null,
  position: Position | null = null,
  why = errorOf('ERR_CANCELLED'),
): void {
  closeSocket(why)
  cancelOutbox(why)
  s.session = session
  s.position = position
  s.intent = s.mode === 'auto'
  s.attempt = 0
  s.retryAt = s.backgroundDeadline = null
  s.recovery = null
  s.onlineUsers = NONE
}

/** Rejects request `req` with `code`. */
const reject = (req: Request, code: StandardErrorCode) => settle(req, errorOf(code))

/** Runs `handle` only for an event of the current socket: late events of an old one are ignored. */
const ofSocket =
  <A extends unknown[]>(handle: (...args: A) => void) =>
  (id: number, ...args: A) => {
    if (s.socket?.id === id) handle(...args)
  }

const handlers: { [K in keyof EventArgs]: (...args: EventArgs[K]) => void } = {
  restore: startOver,
  loginStart() {
    s.loggingIn = true
    s.lastError = null
  },
  loginFail(error) {
    s.loggingIn = false
    if (error.code !== 'ERR_CANCELLED') s.lastError = error // a logout cancelled it: not a failure
  },
  login(session, position) {
    // A new login replaces any previous session and lifts a disconnect() suspension (B14).
    startOver(session, position)
    s.loggingIn = false
    s.lastError = null
  },
  logout: () => startOver(null),
  connect,
  disconnect(req) {
    // B14: close and suspend; in manual mode nothing but connect() reopens it.
    s.intent = false
    closeSocket(errorOf('ERR_CANCELLED'))
    settle(req)
  },
  ping,
  send,
  appState,
  network,
  socketOpen: ofSocket(() => {
    const socket = s.socket!
    if (socket.phase !== 'opening') return
    s.socket = { ...socket, phase: 'authenticating', lastInboundAt: now }
    const p = s.position
    emit('send', socket.id, {
      type: 'auth',
      v: PROTOCOL_VERSION,
      authToken: s.session!.authToken,
      presence: s.settings.subscribePresenceForAllUsers,
      // Resume after the last event delivered: the server replays what was missed, or says it cannot.
      // (No position: `undefined`, which the frame's JSON leaves out.)
      resume: p ? { epoch: p.epoch, offset: p.offset } : undefined,
    })
  }),
  socketMessage: ofSocket(handleSocketMessage),
  socketError: ofSocket((setup) => {
    // A setup error (no WebSocket implementation): retrying cannot help, so report it once and stop.
    if (setup) s.intent = false
    lost(setup ?? errorOf('ERR_WEBSOCKET_ERROR'))
  }),
  socketClose: ofSocket(socketClose),
  tick() {
    // Deadlines are expired around every event; a tick only wakes the machine.
  },
  destroy() {
    const why = errorOf('ERR_ENGINE_DESTROYED')
    closeSocket(why)
    cancelOutbox(why)
    s.destroyed = true
  },
}

function connect(req: Request): void {
  const error = !s.session
    ? 'ERR_NOT_LOGGED_IN'
    : !s.online
      ? 'ERR_NO_INTERNET'
      : s.socket?.phase === 'open'
        ? 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE'
        : null
  if (error) return reject(req, error)
  s.intent = true // B9 (auto): lifts a disconnect() suspension; manual: connect() is in force
  if (s.appState === 'background' && s.mode === 'auto') return reject(req, 'ERR_APP_IN_BACKGROUND')
  // B11: join the attempt in flight, else start one now, skipping any pending backoff (reconcile()
  // opens it).
  s.waiters = [...s.waiters, { req }]
  s.retryAt = null
}

/** B5: `ping()` sends a ping frame and waits for the pong. */
function ping(req: Request): void {
  const error =
    s.mode === 'auto'
      ? 'ERROR_PING_NOT_AVAILABLE'
      : !s.session
        ? 'ERR_NOT_LOGGED_IN'
        : !s.online
          ? 'ERR_NO_INTERNET'
          : s.socket?.phase !== 'open'
            ? 'ERR_NOT_CONNECTED'
            : null
  if (error) return reject(req, error)
  const wire = wireId()
  s.waiters = [...s.waiters, { req, wire, deadline: now + s.settings.pongTimeout }]
  // B5: the app's ping is the keep-alive; the grace period restarts when it is sent.
  if (s.appState === 'background') s.backgroundDeadline = now + s.settings.backgroundTimeout
  emit('send', s.socket!.id, { type: 'ping', id: wire })
}

/**
 * `sendMessage()`: into the outbox, and on the wire now if connected. It waits for a connection that
 * is coming (connecting, reconnecting, offline in the foreground) until its deadline, and fails at once
 * when none is: logged out, after `disconnect()`, manual mode without `connect()`, auto mode in background.
 */
function send(req: Request, receiver: string, text: string, id: string): void {
  const error = !s.session
    ? 'ERR_NOT_LOGGED_IN'
    : !s.intent
      ? 'ERR_NOT_CONNECTED'
      : s.mode === 'auto' && s.appState === 'background'
        ? 'ERR_APP_IN_BACKGROUND'
        : null
  if (error) return reject(req, error)
  const open = s.socket?.phase === 'open' ? s.socket.id : undefined
  const o = { req, id, receiver, text, deadline: now + s.settings.sendTimeout, sentOn: open }
  s.outbox = withSend(s.outbox, o)
  if (open) emit('send', open, sendFrame(o))
}

function appState(next: MachineState['appState']): void {
  if (s.appState === next) return
  s.appState = next
  // B6: foreground cancels the manual-mode deadline; a pending retry (either mode) happens at once.
  s.backgroundDeadline = null
  s.retryAt = null
  if (next === 'foreground') return
  if (s.mode === 'auto')
    closeSocket(errorOf('ERR_APP_IN_BACKGROUND')) // B4 auto: closed at once
  else if (!s.socket) s.intent = false // nothing open: it stays closed until connect() (B6/B8)
  // B4 manual with a socket: it stays, with a grace period (reconcile() sets it)
}

function network(online: boolean): void {
  if (s.online === online) return
  s.online = online
  s.retryAt = null // `online` retries at once; no retries while offline
  // No socket survives (or is opened) while offline: it is lost (reported, and no retry is scheduled
  // while offline); foreground manual mode reconnects on `online`, background manual mode stays closed.
  if (!online) lost(errorOf('ERR_NO_INTERNET'))
}

function socketClose(code: number, reason: string): void {
  const details = { code, reason }
  if (code === CLOSE_AUTH_FAILED) {
    // B16: the token is dead. No reconnect loop: report, clear the session.
    const error = errorOf('ERR_AUTH_TOKEN_INVALID', '', details)
    reportError(error) // B15 order: the error, then `disconnected` (from startOver)
    startOver(null, null, error)
    return emit('clearSession')
  }
  // An unknown app is a configuration error: retrying cannot help, so stop until the app calls
  // connect() again. Intent off first, so lost() schedules no retry.
  if (code === CLOSE_UNKNOWN_APP) s.intent = false
  // A server going away (1001) or restarting (1012) is likely back soon: retry as if for the first time.
  if (code === 1001 || code === 1012) s.attempt = 0
  // A server turning a crowd away says within how long to come back: a random moment of that window.
  const hint = code === CLOSE_TRY_AGAIN_LATER && /\d+/.exec(reason)
  lost(
    code === CLOSE_UNKNOWN_APP
      ? errorOf('ERR_AUTH_FAILED', '(unknown appId)', details)
      : errorOf('ERR_WEBSOCKET_ERROR', `(close ${code}${reason && `: ${reason}`})`, details),
    hint ? Math.floor(random * Number(hint[0])) : undefined,
  )
}
