import { type Outgoing, outboxOf, sendsIn, withoutSend } from '../delivery/outbox.js'
import type { CometChatException } from '../errors.js'
import { NONE } from '../none.js'
import type { ConnectionStatus, TextMessage } from '../types.js'
import { backoffDelay } from './backoff.js'
import type { Effect } from './effects.js'
import type { Request } from './events.js'
import { type MachineState, type Waiter, wantsSocket } from './state.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// The transition in progress: a private copy of the state, the time and randomness of its event, and
// the effects emitted so far. `transition()` runs synchronously and never re-enters, so one set of
// module-level bindings serves every transition; it stays a pure function to its callers. The
// functions below are the machine's vocabulary; `transition()` composes them per event.

/** The state being built (a copy: the previous state is never touched). */
export let s: Mutable<MachineState>
/** The event's time, epoch ms. */
export let now: number
/** The event's random number in [0, 1), for jitter. */
export let random: number
let effects: Effect[]

/** Starts a transition from `state`, at time `at` with the random number `draw`. */
export function beginStep(state: MachineState, at: number, draw: number): void {
  s = { ...state }
  effects = []
  now = at
  random = draw
}

/** Ends the transition: the new state and the effects for the shell, in order. */
export function endStep(): { state: MachineState; effects: Effect[] } {
  return { state: s, effects }
}

/** Queues an effect for the shell. */
export function emit(...effect: Effect): void {
  effects.push(effect)
}

const STATUS_METHOD = {
  connecting: 'inConnecting',
  connected: 'onConnected',
  disconnected: 'onDisconnected',
} as const

/** I2: listeners hear of a status only when it really changes. */
export function setStatus(status: ConnectionStatus): void {
  if (s.status === status) return
  s.status = status
  emit('call', 'connection', STATUS_METHOD[status])
}

/** Reports a connection error to listeners and the snapshot. */
export function reportError(error: CometChatException): void {
  s.lastError = error
  emit('call', 'connection', 'onConnectionError', error)
}

/**
 * Settles request `req`. A failure is state too: it becomes the snapshot's `lastError` (a UI shows it
 * without catching), except a cancellation, which the app caused itself.
 */
export function settle(req: Request, error?: CometChatException, value?: TextMessage): void {
  if (error && error.code !== 'ERR_CANCELLED') s.lastError = error
  emit('settle', req, error, value)
}

/** Settles every waiter (B11: `connect()` calls share their attempt's outcome; I4: none hangs). */
export function settleWaiters(error?: CometChatException): void {
  for (const w of s.waiters) settle(w.req, error)
  s.waiters = NONE
}

/** Settles one waiter (its pong came, or its deadline passed) and takes it off the list. */
export function settleWaiter(w: Waiter, error?: CometChatException): void {
  s.waiters = s.waiters.filter((x) => x !== w)
  settle(w.req, error)
}

/** Settles one queued send (answered, or past its deadline) and takes it out of the outbox. */
export function settleSend(o: Outgoing, error?: CometChatException, value?: TextMessage): void {
  s.outbox = withoutSend(s.outbox, o)
  settle(o.req, error, value)
}

/** Rejects every queued send: no connection is coming for them (logout, `disconnect()`, a new login). */
export function cancelOutbox(why: CometChatException): void {
  for (const o of sendsIn(s.outbox)) settle(o.req, why)
  s.outbox = outboxOf([])
}

/** Opens a new socket when there is none (I1); reconcile() calls it once no retry is pending. */
export function openSocket(): void {
  if (s.socket) return
  const id = s.seq++
  s.socket = { id, phase: 'opening', startedAt: now, lastInboundAt: now }
  emit('open', id)
  setStatus('connecting')
}

/**
 * Ends the socket (if any): `disconnected`, and every waiter settles with `why`, so no promise
 * hangs (I4). With `report`, the error goes to listeners first (B15 order: error, then status).
 * Sends stay in the outbox: the next connection sends them again.
 */
export function closeSocket(why: CometChatException, report?: boolean): void {
  if (s.socket) emit('close', s.socket.id)
  s.socket = null
  if (report) reportError(why)
  setStatus('disconnected')
  settleWaiters(why)
}

/**
 * The socket failed or closed without being asked to (B7, B8, B15): report, `disconnected`, then
 * retry if the engine still wants a socket: after `delay` when the server said when, else with backoff.
 */
export function lost(error: CometChatException, delay?: number): void {
  if (!s.socket) return
  closeSocket(error, true)
  // B8 (manual): a socket lost in the background stays closed until the app calls connect().
  if (s.mode === 'manual' && s.appState === 'background') s.intent = false
  if (wantsSocket(s)) s.retryAt = now + (delay ?? backoffDelay(s.settings.backoff, s.attempt++, random))
}

/** A fresh id for a frame on the wire. */
export function wireId(): string {
  return `${s.seq++}`
}
