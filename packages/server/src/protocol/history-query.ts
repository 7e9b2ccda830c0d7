import { MAX_HISTORY_LIMIT } from '@cometchat-connection/core'
import { MAX_ID_LENGTH } from './decode-client-frame.js'

/** Messages in a history page when the request names no `limit`. */
export const DEFAULT_HISTORY_LIMIT = 50

/** Query parameters that would carry a token in the URL, where proxies and browser history keep it. */
const TOKEN_PARAMETERS: ReadonlySet<string> = new Set(['authtoken', 'token', 'access_token', 'auth_token'])

/** The query of `GET /v1/messages`, checked. */
export interface HistoryQuery {
  /** The message id to start after; undefined: from the oldest kept. */
  readonly after: string | undefined
  /** Messages per page, 1 to `MAX_HISTORY_LIMIT`. */
  readonly limit: number
}

/**
 * Reads `after` and `limit` from a request path; returns what is wrong as a message for a 400 answer.
 * A `limit` above `MAX_HISTORY_LIMIT` is capped, not refused (a client asking for more gets pages).
 */
export function historyQuery(path: string): HistoryQuery | string {
  const at = path.indexOf('?')
  const params = new URLSearchParams(at < 0 ? '' : path.slice(at + 1))
  for (const name of params.keys()) {
    if (TOKEN_PARAMETERS.has(name.toLowerCase()))
      return `Never put the auth token in the URL (${name}=…): send it in an "Authorization: Bearer <token>" header.`
  }
  const after = params.get('after') ?? undefined
  if (after !== undefined && (after === '' || after.length > MAX_ID_LENGTH))
    return `after must be a message id of 1-${MAX_ID_LENGTH} characters`
  const rawLimit = params.get('limit')
  let limit = DEFAULT_HISTORY_LIMIT
  if (rawLimit !== null) {
    if (!/^[1-9][0-9]{0,8}$/.test(rawLimit))
      return `limit must be a positive whole number (a page holds at most ${MAX_HISTORY_LIMIT}); got ${JSON.stringify(rawLimit.slice(0, 20))}`
    limit = Math.min(MAX_HISTORY_LIMIT, Number(rawLimit))
  }
  return { after, limit }
}
