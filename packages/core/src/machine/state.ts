import { type Outbox, outboxOf } from '../delivery/outbox.js'
import type { Position } from '../delivery/positions.js'
import type { CometChatException } from '../errors.js'
import { NONE } from '../none.js'
import type { Recovery } from '../protocol.js'
import type { AppSettings } from '../settings.js'
import type { AppStateValue, ConnectionMode, ConnectionStatus, PresenceUser, User } from '../types.js'
import type { Request } from './events.js'

/** A saved login: what storage holds and what the socket authenticates with. */
export interface Session {
  readonly user: User
  readonly authToken: string
}

/** The one socket the engine may have (I1). `id` guards every socket callback by identity. */
export interface SocketState {
  readonly id: number
  /** `opening`: TCP/WS handshake; `authenticating`: auth frame sent; `open`: auth-ok received. */
  readonly phase: 'opening' | 'authenticating' | 'open'
  /** When this attempt started (connect timeout runs from here). */
  readonly startedAt: number
  /** When auth-ok arrived (set once `open`). */
  readonly connectedAt?: number
  /** Last frame received from the server (heartbeat silence runs from here). */
  readonly lastInboundAt: number
  /** When the heartbeat ping was sent and not yet answered. */
  readonly heartbeatSentAt?: number
}

/**
 * A request waiting for the machine: a `connect()` waits for the attempt in flight (B11: they all
 * share it); a `ping()` waits for the server's pong. Sends wait in the outbox instead.
 */
export interface Waiter {
  readonly req: Request
  /** ping: the frame's id on the wire; absent for `connect()`. */
  readonly wire?: string
  /** ping: when the pong is overdue. */
  readonly deadline?: number
}

/** Everything the machine knows. Never mutated: every event makes a new one. */
export interface MachineState {
  readonly settings: AppSettings
  readonly mode: ConnectionMode
  readonly destroyed: boolean
  readonly appState: AppStateValue
  readonly online: boolean
  readonly session: Session | null
  /**
   * SPEC's intent, as the app expressed it. Auto mode: true from login until `disconnect()`.
   * Manual mode: set by `connect()`; cleared by `disconnect()` and by a socket ending in background.
   */
  readonly intent: boolean
  readonly socket: SocketState | null
  /** The next id for a socket or a frame on the wire. */
  readonly seq: number
  readonly status: ConnectionStatus
  /** Failed attempts since the last stable connection. */
  readonly attempt: number
  /** When the next automatic attempt is due, or null. */
  readonly retryAt: number | null
  /** Manual mode, in background: when the grace period ends, or null. */
  readonly backgroundDeadline: number | null
  readonly waiters: readonly Waiter[]
  /** Sends not yet acknowledged, in call order (delivery/outbox.ts). */
  readonly outbox: Outbox
  /** The last event delivered from the user's inbox stream (delivery/positions.ts), or null. */
  readonly position: Position | null
  /** The outcome of the last resume, or null. */
  readonly recovery: Recovery | null
  /** Users the server says are online (with presence), by arrival. */
  readonly onlineUsers: readonly PresenceUser[]
  /** A `login()` is in flight. */
  readonly loggingIn: boolean
  readonly lastError: CometChatException | null
}

/** The state of a new engine. */
export function initialState(settings: AppSettings, appState: AppStateValue, online: boolean): MachineState {
  return {
    settings,
    mode: settings.autoEstablishSocketConnection ? 'auto' : 'manual',
    destroyed: false,
    appState,
    online,
    session: null,
    intent: false,
    socket: null,
    seq: 1,
    status: 'disconnected',
    attempt: 0,
    retryAt: null,
    backgroundDeadline: null,
    waiters: NONE,
    outbox: outboxOf([]),
    position: null,
    recovery: null,
    onlineUsers: NONE,
    loggingIn: false,
    lastError: null,
  }
}

/**
 * Whether the engine wants a socket now: the intent combined with the environment. Auto mode also
 * needs the foreground; manual mode keeps its socket in background (B4) until the grace period ends.
 */
export function wantsSocket(s: MachineState): boolean {
  return (
    !s.destroyed &&
    !!s.session &&
    s.online &&
    s.intent &&
    (s.mode === 'manual' || s.appState === 'foreground')
  )
}
