// Browser tests drive Debian's `chromium` through playwright-core (browser downloads are impossible
// on our machines). Installs it with apt-get when it is missing and we are root; otherwise says what to do.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)
if (process.getuid?.() === 0) {
  console.log('[ensure-chromium] installing Debian chromium (apt-get) …')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  })
  process.exit(existsSync(path) ? 0 : 1)
}
console.error(
  `[ensure-chromium] ${path} is missing. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
)
process.exit(1)
