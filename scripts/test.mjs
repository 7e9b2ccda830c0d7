// The one test command (README, .ci/run): lint, build, typecheck, unit + integration tests, then the
// browser tests in real headless Chromium. Long soaks and benchmarks have their own scripts.
import { execSync } from 'node:child_process'

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }
const run = (cmd) => {
  console.log(`\n$ ${cmd}`)
  execSync(cmd, { stdio: 'inherit', env })
}
run('node scripts/ensure-chromium.mjs')
run('pnpm exec biome check .')
run('pnpm exec turbo run build typecheck test --output-logs=errors-only --concurrency=2')
run('pnpm exec turbo run test:e2e --concurrency=1 --output-logs=full')
run('node scripts/smoke-start.mjs') // the README's first command still works
