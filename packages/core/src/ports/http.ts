import { CometChatException, errorOf } from '../errors.js'
import { isRecord, isString } from '../shapes.js'
import type { Clock } from '../types.js'

/** What one HTTP call needs: where, how long it may take, and how to stop it early. */
export interface HttpCall {
  readonly fetch: typeof fetch
  readonly clock: Clock
  /** The deadline, ms: the call fails with `ERR_NETWORK_REQUEST_FAILED` when no full answer came by then. */
  readonly timeoutMs: number
  /** Receives the function that cancels the call (it then rejects `ERR_CANCELLED`). */
  readonly onCancel?: (cancel: () => void) => void
}

/**
 * One request answered with JSON, with a deadline that covers the answer's body too (a server that
 * sends headers and then nothing must not hang the caller). A non-2xx answer rejects with the server's
 * error code.
 */
export function httpJson(call: HttpCall, url: string, init: RequestInit): Promise<unknown> {
  const abort = new AbortController()
  return new Promise((resolve, reject) => {
    const end = (error: CometChatException | null, value?: unknown) => {
      call.clock.clearTimeout(timer)
      abort.abort() // ends a request that the deadline or a cancel overtook (an answered one: no effect)
      if (error) reject(error)
      else resolve(value)
    }
    const timer = call.clock.setTimeout(
      () => end(errorOf('ERR_NETWORK_REQUEST_FAILED', `(no answer in ${call.timeoutMs} ms: ${url})`)),
      call.timeoutMs,
    )
    call.onCancel?.(() => end(errorOf('ERR_CANCELLED')))
    call
      .fetch(url, { ...init, signal: abort.signal })
      .then(async (res) => {
        let json: unknown = null
        try {
          json = await res.json()
        } catch (cause) {
          // A success whose body broke off (or is not JSON) is a failed request, not a refusal: the
          // caller retries; an error status without JSON still says what it is.
          if (res.ok)
            return end(errorOf('ERR_NETWORK_REQUEST_FAILED', `(incomplete answer: ${url})`, { cause }))
        }
        if (res.ok) return end(null, json)
        const err = isRecord(json) && isRecord(json.error) ? json.error : {}
        end(
          new CometChatException(
            isString(err.code) ? err.code : 'ERR_AUTH_FAILED',
            isString(err.message) ? err.message : `The server answered HTTP ${res.status}.`,
            { status: res.status },
          ),
        )
      })
      .catch((cause: unknown) => end(errorOf('ERR_NETWORK_REQUEST_FAILED', `(${url})`, { cause })))
  })
}

/** `path` resolved against the server's base URL. */
export const urlOf = (serverUrl: string, path: string): string =>
  new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString()
