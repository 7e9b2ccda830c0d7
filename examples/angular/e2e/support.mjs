// Helpers of the browser check: a build when the output is stale, and a static server for the build.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'

/** Newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/**
 * `turbo run test:e2e` builds first (the task depends on `build`); run by hand, this builds when the
 * output is older than the app's sources or the packages it bundles (or always, with `force`).
 */
export function buildIfStale(root, force) {
  const inputs = [
    'src',
    'angular.json',
    'tsconfig.json',
    '../../packages/angular/dist',
    '../../packages/core/dist',
  ]
  const built = newest(join(root, 'dist', 'browser', 'index.html'))
  if (!force && built >= Math.max(...inputs.map((p) => newest(join(root, p))))) return
  execFileSync(join(root, 'node_modules', '.bin', 'ng'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  })
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain' }

/** Serves `dir` on a free port of 127.0.0.1; unknown paths get index.html (a single-page app). */
export function serveStatic(dir) {
  const server = createServer((req, res) => {
    // URL parsing resolves `..` segments, so the path stays inside `dir`.
    let file = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    let body
    try {
      body = readFileSync(file)
    } catch {
      file = join(dir, 'index.html')
      body = readFileSync(file)
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    res.end(body)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
