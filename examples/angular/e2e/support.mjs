// The browser check builds the example when its output is stale (run by hand; turbo builds first).
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

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
