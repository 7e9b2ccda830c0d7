import type { CometChatException } from '../errors.js'
import type { WireUser } from '../protocol.js'
import type { AppSettings } from '../settings.js'
import type { AppStateValue, ConnectionMode, ConnectionStatus } from '../types.js'

/** A saved login: what storage holds and what the socket authenticates with. */
export interface Session {
  readonly user: WireUser
  readonly authToken: string
}

/** The one socket the engine may have (I1). `id` guards every socket callback by identity. */
export interface SocketState {
  readonly id: number
  /** `opening`: TCP/WS handshake; `authenticating`: auth frame sent; `open`: auth-ok received. */
  readonly phase: 'opening' | 'authenticating' | 'open'
  /** When this attempt started (connect timeout runs from here). */
  readonly startedAt: number
  /** When auth-ok arrived, or null. */
  readonly connectedAt: number | null
  /** Last frame received from the server (heartbeat silence runs from here). */
  readonly lastInboundAt: number
  /** When the heartbeat ping was sent and not yet answered, or null. */
  readonly heartbeatSentAt: number | null
}

/** A `ping()` or `sendMessage()` waiting for the server's answer. */
export interface PendingRequest {
  readonly kind: 'ping' | 'send'
  readonly req: number
  /** The frame's id (ping) or ref (send) on the wire. */
  readonly wireId: string
  readonly deadline: number
}

/** Everything the machine knows. Never mutated: every event makes a new one. */
export interface MachineState {
  readonly settings: AppSettings
  readonly mode: ConnectionMode
  readonly destroyed: boolean
  readonly appState: AppStateValue
  readonly online: boolean
  readonly session: Session | null
  /** Auto mode: `disconnect()` suspended automatic connection until `connect()` or a new login. */
  readonly suspended: boolean
  /** Manual mode: `connect()` is in force (cleared by `disconnect()`, logout, a close in background). */
  readonly manualWanted: boolean
  readonly socket: SocketState | null
  readonly nextSocketId: number
  readonly nextWireId: number
  readonly status: ConnectionStatus
  /** Failed attempts since the last stable connection. */
  readonly attempt: number
  /** When the next automatic attempt is due, or null. */
  readonly retryAt: number | null
  /** Manual mode: when the background grace period ends, or null. */
  readonly backgroundDeadline: number | null
  /** `connect()` calls waiting for the attempt in flight (B11: they all share it). */
  readonly connectWaiters: readonly number[]
  readonly pending: readonly PendingRequest[]
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
    suspended: false,
    manualWanted: false,
    socket: null,
    nextSocketId: 1,
    nextWireId: 1,
    status: 'disconnected',
    attempt: 0,
    retryAt: null,
    backgroundDeadline: null,
    connectWaiters: [],
    pending: [],
    lastError: null,
  }
}

/**
 * Whether the engine wants a socket now: intent (what the app asked) combined with environment
 * (visible, online). Auto mode derives it; manual mode only follows connect()/disconnect().
 */
export function wantsSocket(s: MachineState): boolean {
  if (s.destroyed || !s.session || !s.online) return false
  return s.mode === 'auto' ? !s.suspended && s.appState === 'foreground' : s.manualWanted
}
