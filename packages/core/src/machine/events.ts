import type { Position } from '../delivery/positions.js'
import type { CometChatException } from '../errors.js'
import type { ServerFrame } from '../protocol.js'
import type { AppStateValue } from '../types.js'
import type { Session } from './state.js'

/**
 * A request's promise, as its two settle functions: the machine keeps it with the request and hands it
 * back in a `settle` effect; it never calls it itself (the shell does), so the machine stays pure.
 */
export type Request = readonly [
  resolve: (value: unknown) => void,
  reject: (error: CometChatException) => void,
]

/**
 * Everything that can happen to the engine, by name, with its arguments. The shell feeds these in;
 * nothing else changes state. Requests (`connect` … `send`) carry their promise ({@link Request}).
 */
export interface EventArgs {
  /** `init()` read storage: the saved session and its user's stream position. */
  restore: [session: Session | null, position: Position | null]
  /** A `login()` started (it runs over HTTP in the shell). */
  loginStart: []
  /** A `login()` failed. */
  loginFail: [error: CometChatException]
  /** A `login()` succeeded: the new session and the position saved for its user. */
  login: [session: Session, position: Position | null]
  logout: []
  connect: [req: Request]
  disconnect: [req: Request]
  ping: [req: Request]
  /** `sendMessage()`; `id` is the message's own id, drawn by the shell. */
  send: [req: Request, receiver: string, text: string, id: string]
  appState: [state: AppStateValue]
  network: [online: boolean]
  socketOpen: [id: number]
  /** A frame of socket `id`, decoded by the shell (null: malformed, `data` is what arrived). */
  socketMessage: [id: number, frame: ServerFrame | null, data: unknown]
  /** Socket `id` failed; `setup`: it could not be created at all (no WebSocket implementation). */
  socketError: [id: number, setup?: CometChatException]
  socketClose: [id: number, code: number, reason: string]
  tick: []
  destroy: []
}

/** One event: its name, then its arguments, e.g. `['socketClose', 3, 1006, '']`. */
export type MachineEvent = { [K in keyof EventArgs]: [K, ...EventArgs[K]] }[keyof EventArgs]
