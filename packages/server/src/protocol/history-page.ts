import type { HistoryPage } from '@cometchat-connection/core'
import type { ServerStore } from '../store/store.js'

/**
 * One page of `uid`'s inbox after message `after` (from the oldest kept without it), oldest first, at
 * most `limit` messages: what `GET /v1/messages` answers. An `after` that is not (or no longer) in the
 * inbox starts at the oldest kept, with `truncated: true`.
 */
export async function readHistoryPage(
  store: ServerStore,
  uid: string,
  after: string | undefined,
  limit: number,
): Promise<HistoryPage> {
  let afterOffset = 0
  let truncated = false
  if (after !== undefined) {
    const offset = await store.findOffset(uid, after)
    if (offset === undefined) truncated = true
    else afterOffset = offset
  }
  // One more than asked: whether it comes says whether more follow.
  const slice = await store.readStream(uid, afterOffset, limit + 1)
  // Found, but trimmed before the read: the page starts later than asked.
  if (after !== undefined && afterOffset + 1 < slice.first) truncated = true
  return {
    messages: slice.events.slice(0, limit).map((event) => event.message),
    hasMore: slice.events.length > limit,
    truncated,
  }
}
