import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChromiumSession, launchChromium } from './chromium.js'
import { type ObservedPage, openObservedPage } from './observed-page.js'
import { setPageVisibility } from './page-visibility.js'
import { startTestServer, type TestServer } from './start-test-server.js'
import { type StaticServer, serveStatic } from './static-server.js'

/** Options of {@link describeExampleInChromium}. */
export interface ExampleScenarioOptions {
  /** The example's folder: its build is `dist/`, screenshots go to `test-output/`. */
  root: string
  /** Screenshot names start with it: `react` gives `react-connected.png`. */
  screenshotPrefix: string
}

/**
 * Registers the browser scenario the React and Vue examples share (their pages have the same test ids):
 * the built example in headless Chromium against the real server, through login, background,
 * foreground, ping, manual mode and logout, with no console error. Call it at the top level of a
 * vitest file.
 *
 * @example
 * ```ts
 * describeExampleInChromium('React example in Chromium', {
 *   root: fileURLToPath(new URL('..', import.meta.url)),
 *   screenshotPrefix: 'react',
 * })
 * ```
 */
export function describeExampleInChromium(title: string, options: ExampleScenarioOptions): void {
  const shots = join(options.root, 'test-output')
  const shot = (name: string) =>
    page.screenshot({ path: join(shots, `${options.screenshotPrefix}-${name}.png`) })
  let server: TestServer
  let site: StaticServer
  let browser: ChromiumSession
  let page: Page
  let observed: ObservedPage

  const status = () => page.getByTestId('status').textContent()
  const waitForText = (testId: string, expected: string) =>
    page.waitForFunction(
      ([id, text]) => document.querySelector(`[data-testid=${id}]`)?.textContent === text,
      [testId, expected] as const,
      { timeout: 10_000 },
    )
  const waitForStatus = (expected: string) => waitForText('status', expected)
  const statusHistory = () => observed.statusHistory()

  beforeAll(async () => {
    await mkdir(shots, { recursive: true })
    server = await startTestServer()
    site = await serveStatic(join(options.root, 'dist'))
    browser = await launchChromium({ width: 900, height: 600 })
    observed = await openObservedPage(browser.context)
    page = observed.page
  })

  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await server?.close()
  })

  describe(title, () => {
    it('loads with no console errors and shows disconnected', async () => {
      await page.goto(`${site.url}/?server=${encodeURIComponent(server.url)}`)
      await waitForStatus('disconnected')
      expect(await page.getByTestId('mode').textContent()).toBe('auto')
      expect(observed.consoleErrors).toEqual([])
    })

    it('Login turns the status to connecting, then connected', async () => {
      await page.getByTestId('uid').fill('alice')
      await page.getByTestId('login').click()
      await waitForStatus('connected')
      expect(await page.getByTestId('user').textContent()).toBe('logged in as alice')
      expect(await statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
      await shot('connected')
    })

    it('auto mode: hidden → disconnected, visible again → connected', async () => {
      await setPageVisibility(page, 'hidden')
      await waitForStatus('disconnected')
      await shot('background')
      await setPageVisibility(page, 'visible')
      await waitForStatus('connected')
    })

    it('auto mode: the browser going offline → disconnected with ERR_NO_INTERNET; online again → connected', async () => {
      // Chromium's own offline emulation: navigator.onLine and the offline/online events that core's
      // default network source listens to.
      await browser.context.setOffline(true)
      await waitForStatus('disconnected')
      expect(await page.getByTestId('last-error').textContent()).toBe('ERR_NO_INTERNET')
      await browser.context.setOffline(false)
      await waitForStatus('connected')
      expect(await page.getByTestId('last-error').textContent()).toBe('none')
    })

    it('auto mode: Ping shows ERROR_PING_NOT_AVAILABLE', async () => {
      await page.getByTestId('ping').click()
      await waitForText('outcome', 'ping: failed')
      expect(await page.getByTestId('last-error').textContent()).toBe('ERROR_PING_NOT_AVAILABLE')
      expect(await status()).toBe('connected')
    })

    it('manual mode: the session is restored without a socket; Connect, Ping, and hidden keeps the socket', async () => {
      await page.getByTestId('switch-mode').click()
      await waitForText('mode', 'manual')
      await waitForText('user', 'logged in as alice')
      expect(await status()).toBe('disconnected')
      await page.getByTestId('connect').click()
      await waitForStatus('connected')
      await setPageVisibility(page, 'hidden')
      await page.getByTestId('ping').click()
      await waitForText('outcome', 'ping: ok')
      expect(await page.getByTestId('last-error').textContent()).toBe('none')
      expect(await status()).toBe('connected')
      await shot('manual-background')
      await setPageVisibility(page, 'visible')
    })

    it('Logout disconnects; no console error during the whole run', async () => {
      await page.getByTestId('logout').click()
      await waitForText('user', 'nobody logged in')
      expect(await status()).toBe('disconnected')
      expect(observed.consoleErrors).toEqual([])
    })
  })
}
