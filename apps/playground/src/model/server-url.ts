/**
 * The real server URL from a page's query string (`?server=http://127.0.0.1:4455`), or null when
 * there is none or it is not an absolute http(s) URL (the in-page server is used then).
 */
export function serverUrlFromSearch(search: string): string | null {
  const raw = new URLSearchParams(search).get('server')
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? raw : null
  } catch {
    return null
  }
}
