// Browser check of the example: builds it when stale (see support.mjs), starts the real server (port 0) and
// test-kit's static server for the build, then drives Debian's Chromium (test-kit's launchChromium).
// Screenshots go to test-output/.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer } from '@cometchat-connection/server'
import { launchChromium, serveStatic, setPageVisibility } from '@cometchat-connection/test-kit'
import { buildIfStale } from './support.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist', 'browser')
const output = join(root, 'test-output')
const started = Date.now()
const results = []

buildIfStale(root, process.argv.includes('--build'))
mkdirSync(output, { recursive: true })

async function step(name, fn) {
  const t = Date.now()
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`  ✓ ${name} (${Date.now() - t} ms)`)
  } catch (error) {
    results.push({ name, ok: false })
    console.log(`  ✗ ${name}\n${error?.stack ?? error}`)
    throw error
  }
}

const realtime = await startServer({ port: 0, host: '127.0.0.1' })
const web = await serveStatic(dist, { spa: true })
const consoleErrors = []
let exitCode = 0
let browser
try {
  browser = await launchChromium({ width: 900, height: 700 }) // a fresh, throw-away profile
  const page = await browser.context.newPage()
  page.setDefaultTimeout(10_000)
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))
  const status = (value) => page.waitForSelector(`[data-testid=status][data-status=${value}]`)
  const shot = (name) => page.screenshot({ path: join(output, `${name}.png`) })
  const appUrl = `${web.url}/?server=${encodeURIComponent(realtime.url)}`

  await step('page loads, disconnected, with no console errors', async () => {
    await page.goto(appUrl)
    await status('disconnected')
    await shot('1-loaded')
    if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(' | ')}`)
  })

  await step('login → connected', async () => {
    await page.fill('[data-testid=uid]', 'e2e-alice')
    await page.click('[data-testid=login]')
    await status('connected')
    await page.waitForSelector('[data-testid=user]:text("e2e-alice")')
    await shot('2-connected')
  })

  await step('auto mode: page hidden → disconnected, visible again → connected', async () => {
    await setPageVisibility(page, 'hidden')
    await status('disconnected')
    await shot('3-hidden-disconnected')
    await setPageVisibility(page, 'visible')
    await status('connected')
  })

  await step(
    'auto mode: the browser goes offline → disconnected (ERR_NO_INTERNET), online → connected',
    async () => {
      await browser.context.setOffline(true) // navigator.onLine + the offline event core listens to
      await status('disconnected')
      await page.waitForSelector('[data-testid=error]:text("ERR_NO_INTERNET")')
      await browser.context.setOffline(false)
      await status('connected')
      await page.waitForFunction(() => !document.querySelector('[data-testid=error]'))
    },
  )

  await step('auto mode: ping surfaces ERROR_PING_NOT_AVAILABLE', async () => {
    await page.click('[data-testid=ping]')
    await page.waitForSelector('[data-testid=error]:text("ERROR_PING_NOT_AVAILABLE")')
  })

  await step(
    'manual mode re-creates the engine: restored session, no socket until Connect; Ping works',
    async () => {
      await page.check('input[name=mode][value=manual]')
      await page.waitForSelector('[data-testid=mode]:text("manual mode")')
      await page.waitForSelector('[data-testid=user]:text("e2e-alice")')
      await status('disconnected')
      await page.click('[data-testid=connect]')
      await status('connected')
      await page.click('[data-testid=ping]')
      await page.waitForFunction(() => !document.querySelector('[data-testid=error]'))
      await shot('4-manual-connected')
    },
  )

  await step('no console errors in the whole run', async () => {
    if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(' | ')}`)
  })
} catch (error) {
  if (!results.some((r) => !r.ok)) console.error(error)
  exitCode = 1
} finally {
  await browser?.close()
  await web.close()
  await realtime.close()
}
const passed = results.filter((r) => r.ok).length
console.log(`example-angular e2e (${Date.now() - started} ms)`)
console.log(`${passed} passed, ${results.length - passed} failed`)
process.exit(exitCode)
