// What the playground shows of the delivery promise (concepts/delivery.md): the resume outcome, a lost
// continuity and its catch-up, the sends still waiting, and the in-page server's inbox window.
import type { Recovery, ResetReason } from '@cometchat-connection/core'
import { DEFAULT_LIMITS } from '@cometchat-connection/server/protocol'
import type { ChatLine } from './state.js'

/** The in-page server's inbox window by default: the server's own default (`inboxMaxEvents`). */
export const DEFAULT_INBOX_WINDOW = DEFAULT_LIMITS.inboxMaxEvents

/** A lost continuity, as `onContinuityLost` reported it. */
export interface ContinuityLoss {
  readonly reason: ResetReason
  /** The last message delivered before the gap: the catch-up fetches what came after it. */
  readonly lastDeliveredMessageId: string | null
  /** When it was reported, epoch ms. */
  readonly at: number
}

/** The outcome of a catch-up (`fetchMessages` paged until `hasMore` is false). */
export type CatchUp =
  | { readonly state: 'fetching' }
  | {
      readonly state: 'done'
      /** How many messages the server still keeps after the last delivered one. */
      readonly kept: number
      /** How many of them were not in the list yet. */
      readonly added: number
      /** The last delivered message is older than the server keeps: what came between is gone. */
      readonly truncated: boolean
      /** When the catch-up finished, epoch ms. */
      readonly at: number
    }
  | { readonly state: 'failed'; readonly code: string; readonly message: string }

/** One message the main user sent, with where it stands. */
export interface SentLine {
  /** Unique within one playground (the server's id is known only once it is stored). */
  readonly key: number
  readonly to: string
  readonly text: string
  /** `waiting`: for a connection or the server's acknowledgement. `stored`: acknowledged once. */
  readonly state: 'waiting' | 'stored' | 'failed'
  /** The failure's code, for `failed`. */
  readonly code?: string
}

/** Why a resume could not replay, in words. */
export const RESET_REASONS: Readonly<Record<ResetReason, string>> = {
  epoch: 'the server lost its history (it restarted)',
  window: 'more was missed than the server keeps',
  position: 'the saved position is not one the server knows',
}

/** `snapshot.recovery` in words: `resumed, 2 replayed`, `continuity lost (window)`, or `none yet`. */
export function describeRecovery(recovery: Recovery | null): string {
  if (!recovery) return 'none yet'
  return recovery.resumed ? `resumed, ${recovery.replayed} replayed` : `continuity lost (${recovery.reason})`
}

/** `snapshot.pendingSends` in words. */
export const describePending = (pending: number): string => (pending === 0 ? 'none' : `${pending} waiting`)

/**
 * Adds the fetched lines missing from `list` (by message id), then orders everything by the server's
 * time: a catch-up fills a gap, so what it brings belongs before the live messages that followed the gap.
 */
export function mergeFetched(
  list: readonly ChatLine[],
  fetched: readonly ChatLine[],
): { lines: readonly ChatLine[]; added: number } {
  const known = new Set(list.map((l) => l.id))
  const fresh = fetched.filter((l) => !known.has(l.id))
  // Array.prototype.sort is stable: lines with the same server time keep their order.
  const lines = [...list, ...fresh].sort((a, b) => a.sentAt - b.sentAt)
  return { lines, added: fresh.length }
}

/** Throws a `RangeError` unless `events` is a whole number of at least 1 (the server's own rule). */
export function checkInboxWindow(events: number): number {
  if (!Number.isInteger(events) || events < 1)
    throw new RangeError(`The inbox window must be a whole number of messages, at least 1; got ${events}.`)
  return events
}
