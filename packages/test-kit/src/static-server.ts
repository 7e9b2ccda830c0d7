import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join } from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

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
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false
}

/**
 * Serves a built site (`dist/`, a Docusaurus `build/`) over HTTP: `/a/` and `/a` find `a/index.html`,
 * `/a` also finds `a.html`. URL parsing resolves `..`, so paths stay inside `root`.
 *
 * @example
 * ```ts
 * const site = await serveStatic('dist', { spa: true })
 * await page.goto(`${site.url}/?server=${encodeURIComponent(server.url)}`)
 * await site.close()
 * ```
 */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const { port = 0, host = '127.0.0.1', spa = false } = options
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const candidates = [join(root, path), join(root, path, 'index.html'), join(root, `${path}.html`)]
    if (spa) candidates.push(join(root, 'index.html'))
    for (const file of candidates) {
      if (!(await isFile(file))) continue
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
      res.end(await readFile(file))
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
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
