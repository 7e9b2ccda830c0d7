import type { AppStateValue } from '../types.js'
import type { Session } from './state.js'

/** Everything that can happen to the engine. The shell feeds these in; nothing else changes state. */
export type MachineEvent =
  | { readonly type: 'restore'; readonly session: Session | null }
  | { readonly type: 'login'; readonly session: Session }
  | { readonly type: 'logout' }
  | { readonly type: 'connect'; readonly req: number }
  | { readonly type: 'disconnect'; readonly req: number }
  | { readonly type: 'ping'; readonly req: number }
  | { readonly type: 'send'; readonly req: number; readonly receiver: string; readonly text: string }
  | { readonly type: 'appState'; readonly state: AppStateValue }
  | { readonly type: 'network'; readonly online: boolean }
  | { readonly type: 'socketOpen'; readonly id: number }
  | { readonly type: 'socketMessage'; readonly id: number; readonly data: unknown }
  | { readonly type: 'socketError'; readonly id: number }
  | { readonly type: 'socketClose'; readonly id: number; readonly code: number; readonly reason: string }
  | { readonly type: 'tick' }
  | { readonly type: 'destroy' }

/** What the machine reads from the world with each event: time and a random number for jitter. */
export interface EventContext {
  readonly now: number
  /** Uniform in [0, 1). */
  readonly random: number
}
