import type { CometChatException } from '../errors.js'
import type { ConnectionStatus } from '../types.js'
import { backoffDelay } from './backoff.js'
import type { Effect } from './effects.js'
import type { EventContext } from './events.js'
import { type MachineState, wantsSocket } from './state.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * One transition in progress: a private copy of the state plus the effects emitted so far.
 * The functions below are the machine's vocabulary; `transition()` composes them per event.
 */
export interface Step {
  readonly s: Mutable<MachineState>
  readonly effects: Effect[]
  readonly now: number
  readonly random: number
}

const STATUS_METHOD = {
  connecting: 'inConnecting',
  connected: 'onConnected',
  disconnected: 'onDisconnected',
} as const

/** Starts a transition from `state`. */
export function beginStep(state: MachineState, ctx: EventContext): Step {
  return { s: { ...state }, effects: [], now: ctx.now, random: ctx.random }
}

/** Queues an effect for the shell. */
export function emit(step: Step, ...effect: Effect): void {
  step.effects.push(effect)
}

/** I2: listeners hear of a status only when it really changes. */
export function setStatus(step: Step, status: ConnectionStatus): void {
  if (step.s.status === status) return
  step.s.status = status
  emit(step, 'call', 'connection', STATUS_METHOD[status])
}

/** Reports a connection error to listeners and the snapshot. */
export function reportError(step: Step, error: CometChatException): void {
  step.s.lastError = error
  emit(step, 'call', 'connection', 'onConnectionError', error)
}

/** Settles every waiter (B11: `connect()` calls share their attempt's outcome; I4: none hangs). */
export function settleWaiters(step: Step, error?: CometChatException): void {
  for (const w of step.s.waiters) emit(step, 'settle', w.req, error)
  step.s.waiters = []
}

/** Opens a new socket. The only place one is created, and only when there is none (I1). */
export function openSocket(step: Step): void {
  const s = step.s
  if (s.socket) return
  const id = s.seq++
  s.retryAt = null
  s.socket = { id, phase: 'opening', startedAt: step.now, lastInboundAt: step.now }
  emit(step, 'open', id)
  setStatus(step, 'connecting')
}

/**
 * Ends the socket (if any): `disconnected`, and every waiter settles with `why`, so no promise
 * hangs (I4). With `report`, the error goes to listeners first (B15 order: error, then status).
 */
export function closeSocket(step: Step, why: CometChatException, report?: boolean): void {
  const s = step.s
  if (s.socket) emit(step, 'close', s.socket.id)
  s.socket = null
  if (report) reportError(step, why)
  setStatus(step, 'disconnected')
  settleWaiters(step, why)
}

/**
 * The socket failed or closed without being asked to (B7, B8, B15): report, `disconnected`, then
 * retry with backoff if the engine still wants a socket.
 */
export function lost(step: Step, error: CometChatException): void {
  const s = step.s
  if (!s.socket) return
  closeSocket(step, error, true)
  s.backgroundDeadline = null
  // B8 (manual): a socket lost in the background stays closed until the app calls connect().
  if (s.mode === 'manual' && s.appState === 'background') s.intent = false
  if (wantsSocket(s)) s.retryAt = step.now + backoffDelay(s.settings.backoff, s.attempt++, step.random)
}

/** A fresh id for a frame on the wire. */
export function wireId(step: Step): string {
  return `${step.s.seq++}`
}
