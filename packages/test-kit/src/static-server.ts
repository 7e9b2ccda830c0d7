import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import sirv from 'sirv'

/** A running static file server. */
export interface StaticServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string
  /** The port it listens on (the free one it got, with port 0). */
  readonly port: number
  /** Closes open connections and stops listening. */
  close(): Promise<void>
}

/** Options of {@link serveStatic}. */
export interface StaticServerOptions {
  /** Default 0 (a free port). */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Single-page app: unknown paths get the root `index.html` instead of a 404. */
  spa?: boolean
  /**
   * Told about an error while answering one request (the request gets a 500 or is cut off; the server
   * carries on). Default: `console.error`.
   */
  onError?: (error: unknown, url: string) => void
}

/**
 * Why a request path cannot name a file of the site, or null when it can. Checked before the file
 * lookup so that a bad request gets a 400 instead of a fallback page: malformed percent-encoding, and
 * segments that would leave the folder or hide a separator once decoded (`..`, `%2f`, `%5c`, NUL).
 */
export function badPath(url: string): string | null {
  if (!url.startsWith('/')) return 'the request target must be a path starting with /'
  const path = url.split(/[?#]/, 1)[0] ?? '/'
  for (const raw of path.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return 'malformed percent-encoding in the path'
    }
    if (segment === '..' || segment === '.') return 'dot segments are not allowed in the path'
    if (/[/\\\0]/.test(segment)) return 'encoded separators or NUL are not allowed in the path'
  }
  return null
}

function answer(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`)
}

/**
 * Serves a built site (`dist/`, a Docusaurus `build/`) over HTTP with `sirv` (what Vite's preview uses):
 * `/a` finds `a`, `a.html` or `a/index.html`, `/a/` finds `a.html` or `a/index.html`; with `spa`,
 * unknown page paths get the root `index.html`. The files are listed once at start, so only files
 * inside `root` can ever be answered. A site with a `404.html` (Docusaurus) answers unknown paths with
 * it. Bad requests (malformed percent-encoding, `..` or encoded separators) get a 400, methods other than
 * GET and HEAD a 405, and an error while answering one request never reaches the process: it is
 * reported to `onError`, and that request gets a 500 (or is cut off, if the file stream fails midway).
 *
 * @example
 * ```ts
 * const site = await serveStatic('dist', { spa: true })
 * await page.goto(`${site.url}/?server=${encodeURIComponent(server.url)}`)
 * await site.close()
 * ```
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const { port = 0, host = '127.0.0.1', spa = false, onError = defaultOnError } = options
  const notFoundPath = join(root, '404.html')
  const notFoundPage = !spa && existsSync(notFoundPath) ? readFileSync(notFoundPath) : null
  const files = sirv(root, {
    single: spa,
    extensions: ['html'],
    etag: true,
    onNoMatch: (_req, res) => {
      if (notFoundPage) res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFoundPage)
      else answer(res, 404, 'not found')
    },
  })
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/'
    // sirv pipes a file stream into the response and leaves the stream's 'error' unhandled (a file
    // deleted after start would throw from an event handler and end the process): cut that response off.
    res.on('pipe', (source: Readable) =>
      source.on('error', (error) => {
        onError(error, url)
        res.destroy()
      }),
    )
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return answer(res, 405, 'GET or HEAD only', { allow: 'GET, HEAD' })
      const bad = badPath(url)
      if (bad) return answer(res, 400, `bad request: ${bad}`)
      files(req, res)
    } catch (error) {
      onError(error, url)
      if (res.headersSent) res.destroy()
      else answer(res, 500, 'internal error while serving this file')
    }
  }
  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const actual = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function defaultOnError(error: unknown, url: string): void {
  console.error(`[static] error while answering ${url}:`, error)
}
