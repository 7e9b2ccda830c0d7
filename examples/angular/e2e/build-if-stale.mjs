// `pnpm test:e2e` runs this first: turbo builds the example before (the task depends on `build`), but
// run by hand the build may be older than the app's sources or the packages it bundles. `--build` forces it.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

const root = fileURLToPath(new URL('..', import.meta.url))
const inputs = [
  'src',
  'angular.json',
  'tsconfig.json',
  '../../packages/angular/dist',
  '../../packages/core/dist',
]
const built = newest(join(root, 'dist', 'browser', 'index.html'))
if (process.argv.includes('--build') || built < Math.max(...inputs.map((p) => newest(join(root, p))))) {
  execFileSync(join(root, 'node_modules', '.bin', 'ng'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  })
}
