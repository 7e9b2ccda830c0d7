// The example in real headless Chromium against the real server: login, background, foreground, manual mode.
import { mkdir } from 'node:fs/promises'
import { startServer } from '@cometchat-connection/server'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.js'
import { serveStatic } from './static-server.js'

const root = new URL('..', import.meta.url).pathname
const shots = `${root}test-output`

let server: Awaited<ReturnType<typeof startServer>>
let site: Awaited<ReturnType<typeof serveStatic>>
let browser: { context: BrowserContext; close(): Promise<void> }
let page: Page
const consoleErrors: string[] = []

const status = () => page.getByTestId('status').textContent()
const waitForText = (testId: string, expected: string) =>
  page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-testid=${id}]`)?.textContent === text,
    [testId, expected] as const,
    { timeout: 10_000 },
  )
const waitForStatus = (expected: string) => waitForText('status', expected)
const setVisibility = (state: 'hidden' | 'visible') =>
  page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { get: () => s, configurable: true })
    Object.defineProperty(document, 'hidden', { get: () => s === 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  }, state)
const statusHistory = () => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses)

beforeAll(async () => {
  await mkdir(shots, { recursive: true })
  server = await startServer({ port: 0 })
  site = await serveStatic(`${root}dist`)
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  // Record every status the badge shows, so a transient `connecting` is seen too.
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __statuses: string[] }).__statuses = seen
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid=status]')?.textContent
      if (s && seen.at(-1) !== s) seen.push(s)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await server?.close()
})

describe('React example in Chromium', () => {
  it('loads with no console errors and shows disconnected', async () => {
    await page.goto(`${site.url}/?server=${encodeURIComponent(server.url)}`)
    await waitForStatus('disconnected')
    expect(await page.getByTestId('mode').textContent()).toBe('auto')
    expect(consoleErrors).toEqual([])
  })

  it('Login turns the status to connecting, then connected', async () => {
    await page.getByTestId('uid').fill('alice')
    await page.getByTestId('login').click()
    await waitForStatus('connected')
    expect(await page.getByTestId('user').textContent()).toBe('logged in as alice')
    expect(await statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
    await page.screenshot({ path: `${shots}/react-connected.png` })
  })

  it('auto mode: hidden → disconnected, visible again → connected', async () => {
    await setVisibility('hidden')
    await waitForStatus('disconnected')
    await page.screenshot({ path: `${shots}/react-background.png` })
    await setVisibility('visible')
    await waitForStatus('connected')
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
    await setVisibility('hidden')
    await page.getByTestId('ping').click()
    await waitForText('outcome', 'ping: ok')
    expect(await page.getByTestId('last-error').textContent()).toBe('none')
    expect(await status()).toBe('connected')
    await page.screenshot({ path: `${shots}/react-manual-background.png` })
    await setVisibility('visible')
  })

  it('Logout disconnects; no console error during the whole run', async () => {
    await page.getByTestId('logout').click()
    await waitForText('user', 'nobody logged in')
    expect(await status()).toBe('disconnected')
    expect(consoleErrors).toEqual([])
  })
})
