import type { CometChatException } from '../errors.js'
import type { ClientFrame, PresenceFrame, WireTextMessage } from '../protocol.js'
import type { ConnectionListener } from '../types.js'

/** What the machine asks the shell to do, in order. */
export type Effect =
  | { readonly type: 'openSocket'; readonly id: number }
  | { readonly type: 'sendFrame'; readonly id: number; readonly frame: ClientFrame }
  | { readonly type: 'closeSocket'; readonly id: number }
  /** Call this method of every connection listener (status changes, errors, throttling). */
  | {
      readonly type: 'notify'
      readonly method: keyof ConnectionListener
      readonly error?: CometChatException
    }
  | { readonly type: 'message'; readonly message: WireTextMessage }
  | { readonly type: 'presence'; readonly frame: PresenceFrame }
  | { readonly type: 'resolve'; readonly req: number; readonly value?: WireTextMessage }
  | { readonly type: 'reject'; readonly req: number; readonly error: CometChatException }
  | { readonly type: 'clearSession' }
