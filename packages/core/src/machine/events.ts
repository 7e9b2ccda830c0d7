import type { AppStateValue } from '../types.js'
import type { Session } from './state.js'

/**
 * Everything that can happen to the engine, by name, with its arguments. The shell feeds these in;
 * nothing else changes state. Requests (`connect` … `send`) carry the shell's request number.
 */
export interface EventArgs {
  restore: [session: Session | null]
  login: [session: Session]
  logout: []
  connect: [req: number]
  disconnect: [req: number]
  ping: [req: number]
  send: [req: number, receiver: string, text: string]
  appState: [state: AppStateValue]
  network: [online: boolean]
  socketOpen: [id: number]
  socketMessage: [id: number, data: unknown]
  socketError: [id: number]
  socketClose: [id: number, code: number, reason: string]
  tick: []
  destroy: []
}

/** One event: its name, then its arguments, e.g. `['socketClose', 3, 1006, '']`. */
export type MachineEvent = { [K in keyof EventArgs]: [K, ...EventArgs[K]] }[keyof EventArgs]

/** What the machine reads from the world with each event: time and a random number for jitter. */
export interface EventContext {
  readonly now: number
  /** Uniform in [0, 1). */
  readonly random: number
}
