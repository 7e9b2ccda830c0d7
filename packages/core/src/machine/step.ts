import { type CometChatException, errorOf } from '../errors.js'
import { CloseCodes } from '../protocol.js'
import type { ConnectionStatus } from '../types.js'
import { backoffDelay } from './backoff.js'
import type { Effect } from './effects.js'
import type { EventContext } from './events.js'
import { type MachineState, type PendingRequest, wantsSocket } from './state.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** One transition in progress: a private copy of the state plus the effects emitted so far. */
export interface Step {
  readonly s: Mutable<MachineState>
  readonly effects: Effect[]
  readonly now: number
  readonly random: number
}

/** Starts a transition from `state`. */
export function beginStep(state: MachineState, ctx: EventContext): Step {
  return { s: { ...state }, effects: [], now: ctx.now, random: ctx.random }
}

export function emit(step: Step, effect: Effect): void {
  step.effects.push(effect)
}

/** I2: a status effect only when the status really changes. */
export function setStatus(step: Step, status: ConnectionStatus): void {
  if (step.s.status === status) return
  step.s.status = status
  emit(step, { type: 'status', status })
}

/** Reports a connection error to listeners and the snapshot. */
export function reportError(step: Step, error: CometChatException): void {
  step.s.lastError = error
  emit(step, { type: 'connectionError', error })
}

/** Opens a new socket (the only place one is created: I1 holds because a socket must be null here). */
export function openSocket(step: Step): void {
  if (step.s.socket) return
  const id = step.s.nextSocketId
  step.s.nextSocketId = id + 1
  step.s.retryAt = null
  step.s.socket = {
    id,
    phase: 'opening',
    startedAt: step.now,
    connectedAt: null,
    lastInboundAt: step.now,
    heartbeatSentAt: null,
  }
  emit(step, { type: 'openSocket', id })
  setStatus(step, 'connecting')
}

/** Closes the current socket on purpose (no error, no retry by itself). */
export function closeSocket(step: Step, code: number, reason: string): void {
  const socket = step.s.socket
  if (!socket) return
  step.s.socket = null
  emit(step, { type: 'closeSocket', id: socket.id, code, reason })
  setStatus(step, 'disconnected')
}

/** Settles every connect() waiter of the attempt in flight. */
export function settleConnectWaiters(step: Step, error: CometChatException | null): void {
  for (const req of step.s.connectWaiters) {
    emit(step, error ? { type: 'reject', req, error } : { type: 'resolve', req })
  }
  step.s.connectWaiters = []
}

/** Rejects every pending ping and send: nothing the app asked for is dropped silently (I4). */
export function rejectInFlight(step: Step, error: CometChatException): void {
  const all: readonly PendingRequest[] = [...step.s.pings, ...step.s.sends]
  step.s.pings = []
  step.s.sends = []
  for (const p of all) emit(step, { type: 'reject', req: p.req, error })
}

/** Everything waiting on the socket fails with `error` (used when the socket goes away). */
export function failAllWaiting(step: Step, error: CometChatException): void {
  settleConnectWaiters(step, error)
  rejectInFlight(step, error)
}

export function lost(step: Step, error: CometChatException): void {
  const socket = step.s.socket
  if (!socket) return
  step.s.socket = null
  emit(step, { type: 'closeSocket', id: socket.id, code: CloseCodes.NORMAL, reason: 'lost' })
  reportError(step, error)
  setStatus(step, 'disconnected')
  failAllWaiting(step, error)
  step.s.backgroundDeadline = null
  // B8 (manual): a socket lost in the background stays closed until the app calls connect().
  if (step.s.mode === 'manual' && step.s.appState === 'background') step.s.manualWanted = false
  scheduleRetry(step)
}

/** Arms the next automatic attempt, with full-jitter exponential backoff. */
export function scheduleRetry(step: Step): void {
  if (!wantsSocket(step.s)) return
  step.s.retryAt = step.now + backoffDelay(step.s.settings.backoff, step.s.attempt, step.random)
  step.s.attempt += 1
}

export function reconcile(step: Step): void {
  const wants = wantsSocket(step.s)
  if (!wants) {
    step.s.retryAt = null
    if (step.s.socket) {
      closeSocket(step, CloseCodes.NORMAL, 'not wanted')
      failAllWaiting(step, errorOf('ERR_CANCELLED'))
    }
    if (!step.s.session || step.s.destroyed) step.s.attempt = 0
    return
  }
  if (!step.s.socket && step.s.retryAt === null) openSocket(step)
}

/** A fresh id for a frame on the wire. */
export function wireId(step: Step, prefix: string): string {
  const id = `${prefix}${step.s.nextWireId}`
  step.s.nextWireId += 1
  return id
}
