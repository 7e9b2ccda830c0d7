import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'

/** Base used for relative URLs (a browser would use the page's origin). */
const FALLBACK_BASE = 'http://in-memory.invalid'

/** What the in-memory `fetch` needs from its transport. */
export interface FetchHub {
  readonly core: RealtimeServerCore
  /** Whether the server is up; when not, `fetch` rejects like a refused connection. */
  isRunning(): boolean
}

function abortError(): Error {
  return typeof DOMException === 'function'
    ? new DOMException('The operation was aborted.', 'AbortError')
    : Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })
}

/**
 * A `fetch` that answers `/v1/*` from the core's HTTP API without a network. Any host is accepted: only
 * the path matters. A stopped server rejects with a `TypeError`, as `fetch` does when nothing listens.
 */
export function createInMemoryFetch(hub: FetchHub): typeof fetch {
  return async function inMemoryFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const target = typeof input === 'string' && input.startsWith('/') ? new URL(input, FALLBACK_BASE) : input
    const request = new Request(target, init)
    // Yield once, as a real request would: callers must not rely on a synchronous answer.
    await Promise.resolve()
    if (request.signal.aborted) throw abortError()
    if (!hub.isRunning()) throw new TypeError('fetch failed: the in-memory server is stopped')
    const url = new URL(request.url)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    const response = await hub.core.handleHttp({
      method: request.method,
      path: url.pathname + url.search,
      body: await request.text(),
      headers,
    })
    if (request.signal.aborted) throw abortError()
    return new Response(response.body === null ? null : JSON.stringify(response.body), {
      status: response.status,
      headers: response.headers,
    })
  }
}
