import type { StreamPosition, WireTextMessage } from '@cometchat-connection/core'

/** One event of a user's inbox stream: a message addressed to the user, at its offset. */
export interface InboxEvent {
  /** Its place in the stream: 1 for the first event of an epoch, then +1 for each (no gaps). */
  readonly offset: number
  /** The message. */
  readonly message: WireTextMessage
}

/**
 * A consistent view of one inbox stream, read in one step: its epoch, its bounds and the events after an
 * offset. The resume decision needs all of them from the same moment, so they come together.
 */
export interface StreamSlice {
  /** The stream's history id (see `StreamPosition`). */
  readonly epoch: string
  /** Offset of the newest event (0: none yet in this epoch). */
  readonly last: number
  /** Offset of the oldest event still kept; `last + 1` when none is kept (all trimmed, or none yet). */
  readonly first: number
  /** Events with an offset above the one asked for, oldest first, at most the limit asked for. */
  readonly events: readonly InboxEvent[]
}

/** The outcome of {@link ServerStore.appendMessage}. */
export interface StoredMessage {
  /** The stored message: the new one, or for a duplicate send id the one stored the first time. */
  readonly message: WireTextMessage
  /** Epoch of the receiver's stream when it was stored. */
  readonly epoch: string
  /** Its offset in the receiver's stream. */
  readonly offset: number
  /** True when the send id was seen within the dedupe window: nothing new was stored. */
  readonly duplicate: boolean
}

/**
 * Everything the server keeps about messages: one inbox stream per user (bounded by count and age) and
 * the send-id dedupe window. Every method is asynchronous so a networked store (Redis) fits; the
 * in-memory one ({@link createMemoryStore}) answers at once.
 *
 * Contract every implementation keeps (the conformance tests check it):
 * - offsets of a stream start at 1 in each epoch and grow by 1 per event; they never repeat within an
 *   epoch. Trimming only removes the oldest events.
 * - the epoch changes whenever the stream's history was lost (a new in-memory store, a cleared stream),
 *   so a client can never compare offsets of two histories.
 * - appends to the same receiver resolve in offset order (the server forwards them live in that order).
 * - `appendMessage` with a send id is atomic: of two concurrent sends with the same (sender, id), one
 *   stores and the other gets `duplicate: true` with the first one's message.
 *
 * Auth tokens live beside it, in a `TokenStore`.
 */
export interface ServerStore {
  /**
   * Appends `message` to its receiver's stream, unless `sendId` is set and the same sender used it within
   * the dedupe window: then nothing is stored and the first message comes back with `duplicate: true`.
   */
  appendMessage(message: WireTextMessage, sendId: string | undefined): Promise<StoredMessage>
  /** The stream of `uid` after offset `after` (from the oldest kept when that one is gone), at most `limit` events. */
  readStream(uid: string, after: number, limit: number): Promise<StreamSlice>
  /** The current end of `uid`'s stream: where a client without a position starts. */
  position(uid: string): Promise<StreamPosition>
  /** The offset of message `messageId` in `uid`'s stream, or undefined when it is not (or no longer) there. */
  findOffset(uid: string, messageId: string): Promise<number | undefined>
}
