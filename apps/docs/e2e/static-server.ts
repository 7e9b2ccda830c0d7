// A tiny static file server for the built site, on 127.0.0.1 and a free port. Like a static host,
// `/docs/playground` serves `docs/playground.html` (the site is built with trailingSlash: false).
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
}

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false

/** The file a URL path maps to: the file itself, `<path>.html`, or `<path>/index.html`. */
async function resolveFile(root: string, pathname: string): Promise<string | null> {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '')
  for (const candidate of [join(root, path), join(root, `${path}.html`), join(root, path, 'index.html')]) {
    if (await isFile(candidate)) return candidate
  }
  return null
}

/** Serves `root`; unknown paths get the site's 404 page with status 404. */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const file = await resolveFile(root, new URL(req.url ?? '/', 'http://x').pathname)
    const notFound = join(root, '404.html')
    const target = file ?? ((await isFile(notFound)) ? notFound : null)
    if (!target) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(file ? 200 : 404, { 'content-type': types[extname(target)] ?? 'application/octet-stream' })
    res.end(await readFile(target))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
