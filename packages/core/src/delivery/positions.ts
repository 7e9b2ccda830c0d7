import type { AuthOkFrame, Recovery, StreamPosition } from '../protocol.js'

/**
 * Where the engine stands in the user's inbox stream: the position of the last event delivered to the
 * app, and that message's id. Replaced (never mutated) as messages arrive.
 */
export interface Position extends StreamPosition {
  /** Id of the last message delivered; kept across a reset, so the app can fetch history after it. */
  readonly id: string | null
}

/**
 * What to do with an inbound message, given the position. `deliver`: the next event, hand it to the app
 * and move the position. `duplicate`: already delivered (a replay overlapping live traffic), drop it.
 * `gap`: events are missing before it, so resync (reconnect and resume) rather than deliver out of order.
 */
export type Verdict = 'deliver' | 'duplicate' | 'gap'

/**
 * Judges a message by its stream offset. Without an offset (a server that predates delivery) only an
 * exact repeat of the last message id is dropped.
 */
export function verdictOf(pos: Position | null, offset: number | undefined, id: string): Verdict {
  if (!pos || offset === undefined) return pos?.id === id ? 'duplicate' : 'deliver'
  return offset <= pos.offset ? 'duplicate' : offset > pos.offset + 1 ? 'gap' : 'deliver'
}

/**
 * The position after the server's auth answer. Resumed: unchanged (the replay follows and moves it).
 * Reset or fresh: the stream's end, keeping the last delivered id for catching up. A server without
 * delivery (no `stream`) leaves it as it was.
 */
export function positionAfterAuth(pos: Position | null, ok: AuthOkFrame): Position | null {
  const { stream, recovery } = ok
  if (!stream || (recovery?.resumed && pos?.epoch === stream.epoch)) return pos
  return { epoch: stream.epoch, offset: stream.offset, id: pos?.id ?? null }
}

/** The outcome the app hears of, or null when nothing was asked (no position to resume from). */
export const recoveryOf = (ok: AuthOkFrame): Recovery | null => (ok.stream && ok.recovery) || null

/** The position once the message `id` at `offset` is delivered (no offset: a server without delivery). */
export const advance = (p: Position | null, offset: number | undefined, id: string): Position => ({
  epoch: p?.epoch ?? '',
  offset: offset ?? p?.offset ?? 0,
  id,
})
