import { type ConnectionEngine, fetchMessages, type TextMessage } from '@cometchat-connection/core'

/** What {@link fetchAllAfter} found. */
export interface FetchedHistory {
  /** Every message the server keeps after `after`, oldest first. */
  readonly messages: readonly TextMessage[]
  /** `after` is older than what the server keeps: the messages start at the oldest it has. */
  readonly truncated: boolean
}

/** Most pages one catch-up reads: the server keeps 1,000 messages by default, 100 a page. */
const MAX_PAGES = 20

/**
 * The catch-up of the delivery guide: pages through `fetchMessages(engine, { after })` until `hasMore`
 * is false. `fetch` is the transport's (the in-page server answers it), or undefined for the browser's.
 */
export async function fetchAllAfter(
  engine: ConnectionEngine,
  after: string | null,
  fetch: typeof globalThis.fetch | undefined,
): Promise<FetchedHistory> {
  const messages: TextMessage[] = []
  let truncated = false
  let cursor = after
  // Bounded: a server that always says `hasMore` must not keep the page busy forever.
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchMessages(engine, { after: cursor, limit: 100, ...(fetch && { fetch }) })
    if (page === 0) truncated = result.truncated
    messages.push(...result.messages)
    const last = result.messages.at(-1)
    if (!result.hasMore || !last) break
    cursor = last.id
  }
  return { messages, truncated }
}
