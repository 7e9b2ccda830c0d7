import type { Request } from '../machine/events.js'
import { NONE } from '../none.js'
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

/**
 * The sends not yet acknowledged, oldest first: an immutable queue in which adding a send and taking the
 * oldest cost O(1), so a burst of thousands of sends does not copy the outbox once per send. Versions
 * share one array: each reads only its `[start, end)`, and a push goes in place only when nothing was
 * pushed after its `end` (else the live part is copied first), so no earlier version ever sees a change
 * and the machine state stays a value.
 */
export interface Outbox {
  readonly items: Outgoing[]
  readonly start: number
  readonly end: number
}

/** The empty outbox that states share (memory per engine, issue #11); never pushed into (withSend). */
const EMPTY: Outbox = { items: NONE as unknown as Outgoing[], start: 0, end: 0 }

/** An outbox of these sends, in this order. */
export const outboxOf = (items: Outgoing[]): Outbox =>
  items.length ? { items, start: 0, end: items.length } : EMPTY

/** The sends, oldest first. */
export const sendsIn = (q: Outbox): Outgoing[] => q.items.slice(q.start, q.end)

/** The oldest send, which gives up first (one timeout for all). */
export const oldestSend = (q: Outbox): Outgoing | undefined =>
  q.start < q.end ? q.items[q.start] : undefined

/** `q` with `o` added as the newest. */
export function withSend(q: Outbox, o: Outgoing): Outbox {
  // Copied when something was pushed after `end`, and when empty (it may be the shared EMPTY).
  if (!q.end || q.items.length !== q.end) return outboxOf([...sendsIn(q), o])
  q.items.push(o) // beyond every version's end: invisible to them
  return { items: q.items, start: q.start, end: q.end + 1 }
}

/**
 * `q` without `o`: O(1) when `o` is the oldest (acks come in order), a copy otherwise, and a copy when
 * the dead part of the array outgrows the live one (a busy engine that is never idle stays small).
 */
export function withoutSend(q: Outbox, o: Outgoing): Outbox {
  const start = q.start + 1
  return q.items[q.start] === o && (start < 64 || start < q.end - start)
    ? { items: q.items, start, end: q.end }
    : outboxOf(sendsIn(q).filter((x) => x !== o))
}

/** The waiting send with this id, if any. */
export function findSend(q: Outbox, id: string | undefined): Outgoing | undefined {
  for (let i = q.start; i < q.end; i++) if (q.items[i]!.id === id) return q.items[i]
  return undefined
}
