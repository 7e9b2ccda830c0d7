import type { DeliveryLedger } from './delivery-ledger.js'
import type { Violations } from './violations.js'

interface ChatFrame {
  type?: unknown
  offset?: unknown
  replayed?: unknown
  message?: { text?: unknown; id?: unknown }
}

/**
 * A frame reached `who`'s open socket, just before the engine's own handler. A chat message in it must
 * reach the message listener in that same turn, unless the engine had delivered it already (a duplicate
 * it drops) or found a gap and resyncs (which closes the socket at once). Checked in the next turn, when
 * nothing else can have happened in between: this catches an engine that drops a message it received,
 * whatever happens to the server later.
 */
export function checkChatFrame(
  who: string,
  data: string,
  stillOpen: () => boolean,
  ledger: DeliveryLedger,
  violations: Violations,
): void {
  let frame: ChatFrame
  try {
    frame = JSON.parse(data)
  } catch {
    return
  }
  const text = frame.message?.text
  if (frame.type !== 'message' || typeof text !== 'string' || ledger.copies(text) > 0) return
  setImmediate(() => {
    if (!stillOpen() || ledger.copies(text) > 0) return
    violations.add(
      'message dropped by the engine',
      `${who}: the frame of '${text}' (${String(frame.message?.id)}, offset ${String(frame.offset)}, ${frame.replayed ? 'replayed' : 'live'}) arrived on its open socket, which stayed open, but the message listener never got it`,
    )
  })
}
