import type { CometChatException } from '../errors.js'
import type { ClientFrame } from '../protocol.js'
import type { ConnectionListener, MessageListener, TextMessage, UserListener } from '../types.js'
import type { Request } from './events.js'

/** The listener registries of an engine, by kind. */
export interface ListenerMaps {
  connection: ConnectionListener
  message: MessageListener
  user: UserListener
}

/** Any listener method, of any kind. */
export type ListenerMethod = keyof ConnectionListener | keyof MessageListener | keyof UserListener

/**
 * What the machine asks the shell to do, by the name of the shell's port method, with its arguments.
 * The shell performs them in order.
 */
export interface EffectArgs {
  /** Create socket `id`. */
  open: [id: number]
  /** Send a frame on socket `id`. */
  send: [id: number, frame: ClientFrame]
  /** Close socket `id` and forget it. */
  close: [id: number]
  /** Call `method` of every listener of `kind` with `arg`. */
  call: [kind: keyof ListenerMaps, method: ListenerMethod, arg?: unknown]
  /** Settle request `req`: rejected with `error`, else resolved with `value`. */
  settle: [req: Request, error?: CometChatException, value?: TextMessage]
  /** Remove the saved session (the server rejected its token). */
  clearSession: []
}

/** One effect: the port method's name, then its arguments, e.g. `['send', 3, { type: 'ping', id: '7' }]`. */
export type Effect = { [K in keyof EffectArgs]: [K, ...EffectArgs[K]] }[keyof EffectArgs]
