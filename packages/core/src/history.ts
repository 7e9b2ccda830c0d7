import { errorOf, invalidArgument } from './errors.js'
import { toTextMessage } from './models.js'
import { httpJson, urlOf } from './ports/http.js'
import { HISTORY_PATH, MAX_HISTORY_LIMIT } from './protocol.js'
import { isRecord, isWireMessage } from './shapes.js'
import type { ConnectionEngine, MessagesPage } from './types.js'

/** Options of {@link fetchMessages}. */
export interface FetchMessagesOptions {
  /** The last message the app has: the page starts after it. Omitted: from the oldest the server keeps. */
  after?: string | null
  /** Most messages in the page: 1 to 100, default 50. */
  limit?: number
  /** Default: `globalThis.fetch` (pass the one you gave the engine's platform, if any). */
  fetch?: typeof fetch
}

/**
 * One page of the logged-in user's received messages, oldest first, from the server's history
 * endpoint (the token travels in a header, never the URL; the request has the engine's `httpTimeout`).
 * Catch up after `onContinuityLost` by paging with the last message's id until `hasMore` is false.
 *
 * @example
 * ```ts
 * engine.addConnectionListener('gaps', {
 *   async onContinuityLost({ lastDeliveredMessageId }) {
 *     let after = lastDeliveredMessageId
 *     for (let page; !page || page.hasMore; after = page.messages.at(-1)?.id ?? after) {
 *       page = await fetchMessages(engine, { after })
 *       page.messages.forEach(show)
 *     }
 *   },
 * })
 * ```
 * @throws CometChatException `ERR_NOT_LOGGED_IN` without a session, `ERR_INVALID_ARGUMENT` for a bad
 *   option, `ERR_AUTH_TOKEN_INVALID` when the server no longer holds the token (log in again),
 *   `ERR_NETWORK_REQUEST_FAILED` when the server does not answer in time.
 */
export async function fetchMessages(
  engine: ConnectionEngine,
  options: FetchMessagesOptions = {},
): Promise<MessagesPage> {
  const { after, limit, fetch: fetchFn = globalThis.fetch?.bind(globalThis) } = options ?? {}
  if (after != null && (typeof after !== 'string' || !after))
    throw invalidArgument('after', 'a message id', after)
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0 && limit <= MAX_HISTORY_LIMIT))
    throw invalidArgument('limit', `an integer from 1 to ${MAX_HISTORY_LIMIT}`, limit)
  if (!fetchFn) throw invalidArgument('fetch', 'a fetch implementation', fetchFn)
  await engine.init()
  const token = engine.getUserAuthToken()
  if (!token) throw errorOf('ERR_NOT_LOGGED_IN')
  const query = new URLSearchParams()
  if (after) query.set('after', after)
  if (limit) query.set('limit', `${limit}`)
  const page = await httpJson(
    {
      fetch: fetchFn,
      clock: {
        now: Date.now,
        setTimeout: (cb, ms) => setTimeout(cb, ms),
        clearTimeout: (h) => clearTimeout(h as number),
      },
      timeoutMs: engine.settings.httpTimeout,
    },
    urlOf(engine.settings.serverUrl, `${HISTORY_PATH.slice(1)}?${query}`),
    { headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
  )
  if (!isRecord(page) || !Array.isArray(page.messages) || !page.messages.every(isWireMessage))
    throw errorOf('ERR_MALFORMED_FRAME', '(history page)', { page })
  return {
    messages: page.messages.map((m) => toTextMessage(m)),
    hasMore: page.hasMore === true,
    truncated: page.truncated === true,
  }
}
