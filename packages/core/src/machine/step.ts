import { type CometChatException, ErrorCodes, errorOf } from '../errors.js'
import { CloseCodes } from '../protocol.js'
import type { ConnectionStatus } from '../types.js'
import { backoffDelay } from './backoff.js'
import type { Effect } from './effects.js'
import type { EventContext } from './events.js'
import { type MachineState, type PendingRequest, wantsSocket } from './state.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * One transition in progress: a private copy of the state plus the effects emitted so far.
 * The helpers below are the machine's vocabulary; `transition()` composes them per event.
 */
export class Step {
  readonly s: Mutable<MachineState>
  readonly effects: Effect[] = []
  readonly now: number
  readonly random: number

  constructor(state: MachineState, ctx: EventContext) {
    this.s = { ...state }
    this.now = ctx.now
    this.random = ctx.random
  }

  emit(effect: Effect): void {
    this.effects.push(effect)
  }

  /** I2: a status effect only when the status really changes. */
  setStatus(status: ConnectionStatus): void {
    if (this.s.status === status) return
    this.s.status = status
    this.emit({ type: 'status', status })
  }

  /** Reports a connection error to listeners and the snapshot. */
  reportError(error: CometChatException): void {
    this.s.lastError = error
    this.emit({ type: 'connectionError', error })
  }

  wireId(prefix: string): string {
    const id = `${prefix}${this.s.nextWireId}`
    this.s.nextWireId += 1
    return id
  }

  /** Opens a new socket (the only place one is created: I1 holds because a socket must be null here). */
  openSocket(): void {
    if (this.s.socket) return
    const id = this.s.nextSocketId
    this.s.nextSocketId = id + 1
    this.s.retryAt = null
    this.s.socket = {
      id,
      phase: 'opening',
      startedAt: this.now,
      connectedAt: null,
      lastInboundAt: this.now,
      heartbeatSentAt: null,
    }
    this.emit({ type: 'openSocket', id })
    this.setStatus('connecting')
  }

  /** Closes the current socket on purpose (no error, no retry by itself). */
  closeSocket(code: number, reason: string): void {
    const socket = this.s.socket
    if (!socket) return
    this.s.socket = null
    this.emit({ type: 'closeSocket', id: socket.id, code, reason })
    this.setStatus('disconnected')
  }

  /** Settles every connect() waiter of the attempt in flight. */
  settleConnectWaiters(error: CometChatException | null): void {
    for (const req of this.s.connectWaiters) {
      this.emit(error ? { type: 'reject', req, error } : { type: 'resolve', req })
    }
    this.s.connectWaiters = []
  }

  /** Rejects every pending ping and send: nothing the app asked for is dropped silently (I4). */
  rejectInFlight(error: CometChatException): void {
    const all: readonly PendingRequest[] = [...this.s.pings, ...this.s.sends]
    this.s.pings = []
    this.s.sends = []
    for (const p of all) this.emit({ type: 'reject', req: p.req, error })
  }

  /** Everything waiting on the socket fails with `error` (used when the socket goes away). */
  failAllWaiting(error: CometChatException): void {
    this.settleConnectWaiters(error)
    this.rejectInFlight(error)
  }

  /**
   * The socket failed or closed without being asked to (B7, B8, B15): report the error, then
   * `disconnected`, then retry with backoff if the engine still wants a socket.
   */
  lost(error: CometChatException): void {
    const socket = this.s.socket
    if (!socket) return
    this.s.socket = null
    this.emit({ type: 'closeSocket', id: socket.id, code: CloseCodes.NORMAL, reason: 'lost' })
    this.reportError(error)
    this.setStatus('disconnected')
    this.failAllWaiting(error)
    this.s.backgroundDeadline = null
    // B8 (manual): a socket lost in the background stays closed until the app calls connect().
    if (this.s.mode === 'manual' && this.s.appState === 'background') this.s.manualWanted = false
    this.scheduleRetry()
  }

  /** Arms the next automatic attempt, with full-jitter exponential backoff. */
  scheduleRetry(): void {
    if (!wantsSocket(this.s)) return
    this.s.retryAt = this.now + backoffDelay(this.s.settings.backoff, this.s.attempt, this.random)
    this.s.attempt += 1
  }

  /**
   * Makes the socket match the intent: close it when it is not wanted, open one when it is and no
   * retry is pending. Runs after every event, so intent and environment are always reconciled.
   */
  reconcile(): void {
    const wants = wantsSocket(this.s)
    if (!wants) {
      this.s.retryAt = null
      if (this.s.socket) {
        this.closeSocket(CloseCodes.NORMAL, 'not wanted')
        this.failAllWaiting(errorOf(ErrorCodes.CANCELLED))
      }
      if (!this.s.session || this.s.destroyed) this.s.attempt = 0
      return
    }
    if (!this.s.socket && this.s.retryAt === null) this.openSocket()
  }
}
