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
 * Judges an inbound message (`id`, at `offset` in the stream) by the position, the one rule of the hot
 * path and the machine. A new position: the next event, hand it to the app and move to it. `pos`
 * itself: already delivered (a replay overlapping live traffic), drop it. `'gap'`: events are missing
 * before it, so resync (reconnect and resume) rather than deliver out of order. Without an offset (a
 * server that predates delivery) only an exact repeat of the last message id is dropped.
 */
export function positionAfter(
  pos: Position | null,
  offset: number | undefined,
  id: string,
): Position | null | 'gap' {
  const next = { epoch: pos?.epoch ?? '', offset: offset ?? pos?.offset ?? 0, id }
  if (!pos || offset === undefined) return pos?.id === id ? pos : next
  return offset <= pos.offset ? pos : offset > pos.offset + 1 ? 'gap' : next
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
