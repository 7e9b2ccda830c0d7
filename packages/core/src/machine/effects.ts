import type { CometChatException } from '../errors.js'
import type { ClientFrame, PresenceFrame, ThrottleFrame, WireTextMessage } from '../protocol.js'
import type { ConnectionStatus } from '../types.js'

/** What the machine asks the shell to do, in order. */
export type Effect =
  | { readonly type: 'openSocket'; readonly id: number }
  | { readonly type: 'sendFrame'; readonly id: number; readonly frame: ClientFrame }
  | { readonly type: 'closeSocket'; readonly id: number; readonly code: number; readonly reason: string }
  | { readonly type: 'status'; readonly status: ConnectionStatus }
  | { readonly type: 'connectionError'; readonly error: CometChatException }
  | { readonly type: 'throttled'; readonly frame: ThrottleFrame }
  | { readonly type: 'message'; readonly message: WireTextMessage }
  | { readonly type: 'presence'; readonly frame: PresenceFrame }
  | { readonly type: 'resolve'; readonly req: number; readonly value?: WireTextMessage }
  | { readonly type: 'reject'; readonly req: number; readonly error: CometChatException }
  | { readonly type: 'clearSession' }
