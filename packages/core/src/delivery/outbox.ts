import type { Request } from '../machine/events.js'
import type { SendMessageFrame } from '../protocol.js'

/**
 * A `sendMessage()` that has not been acknowledged: waiting for a connection, or sent and waiting for
 * its ack. It keeps its id across sockets, so the server stores a retried send once.
 */
export interface Outgoing {
  /** The request to settle. */
  readonly req: Request
  /** The message's own id (also the frame's `ref`). */
  readonly id: string
  readonly receiver: string
  readonly text: string
  /** When the send gives up, epoch ms. */
  readonly deadline: number
  /** The socket it was last sent on; a new socket sends it again. */
  readonly sentOn?: number
}

/** The frame for an outgoing message. */
export const sendFrame = (o: Outgoing): SendMessageFrame => ({
  type: 'send-message',
  ref: o.id,
  id: o.id,
  receiver: o.receiver,
  text: o.text,
})
