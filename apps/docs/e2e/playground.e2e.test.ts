// The docs' playground page, built (build/) and served statically, in real headless Chromium. The
// playground runs the server's protocol logic inside the page: no server process is involved.
// Every wait is on the DOM (page.waitForFunction), never a fixed sleep.
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import {
  launchChromium,
  type ObservedPage,
  openObservedPage,
  serveStatic,
} from '@cometchat-connection/test-kit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const build = `${root}build`
const shots = `${root}test-output`
let site: Awaited<ReturnType<typeof serveStatic>>
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let observed: ObservedPage
const scripts = new Map<string, Buffer>()

const button = (name: string) => page.getByRole('button', { name, exact: true })
const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true })
const text = (testId: string) => page.getByTestId(testId).textContent()
const waitForTestId = (testId: string, expected: string, timeout = 10_000) =>
  page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want,
    [testId, expected] as const,
    { timeout },
  )
const waitForStatus = (status: string, timeout?: number) => waitForTestId('status', status, timeout)
/** Every status the badge showed, in order (recorded by a MutationObserver from page load on). */
const statusHistory = () => observed.statusHistory()
const deadline = (testId: string) =>
  page.getByTestId(testId).evaluate((el) => Number(el.getAttribute('data-deadline') || Number.NaN))
/** Waits until the page's clock reaches `at` (epoch ms): synchronises on time, the way a user waits. */
const waitForClock = (at: number) =>
  page.waitForFunction((t) => Date.now() >= t, at, { timeout: 60_000, polling: 25 })

/** `N files, X kB raw, Y kB gzip`. */
function sizes(bodies: readonly Buffer[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  const raw = bodies.reduce((sum, b) => sum + b.length, 0)
  const gz = bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0)
  return `${bodies.length} file${bodies.length === 1 ? '' : 's'}, ${kb(raw)} raw, ${kb(gz)} gzip`
}

beforeAll(async () => {
  if (!existsSync(`${build}/docs/playground.html`)) {
    throw new Error('apps/docs/build is missing: run `pnpm --filter @cometchat-connection/docs build` first.')
  }
  await mkdir(shots, { recursive: true })
  site = await serveStatic(build)
  browser = await launchChromium({ width: 1280, height: 1000 })
  observed = await openObservedPage(browser.context)
  page = observed.page
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script' && r.ok()) scripts.set(r.url(), await r.body())
  })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('the playground page of the built docs', () => {
  it('is generated without the playground: static generation rendered only the fallback', async () => {
    const html = await readFile(`${build}/docs/playground.html`, 'utf8')
    expect(html).toContain('Loading the playground…')
    expect(html).not.toContain('data-testid="status"')
  })

  it('loads with no console errors; the second user connects through the in-page server', async () => {
    await page.goto(`${site.url}/docs/playground`)
    await waitForStatus('disconnected')
    await waitForTestId('peer-status', 'connected')
    expect(await text('transport')).toBe('in-page server')
    expect(await button('Auto mode').getAttribute('aria-pressed')).toBe('true')
    await shot('01-loaded')
    await page.screenshot({ path: `${shots}/01-first-screen.png` }) // the viewport only
    expect(observed.consoleErrors).toEqual([])

    // The chunks of the playground itself (its component, the engine, the in-page server) carry
    // these string literals; the rest is the Docusaurus site around it.
    const ours = [...scripts.values()].filter((b) =>
      /ccp-badge|ERR_NO_INTERNET|in-page\.invalid/.test(b.toString()),
    )
    expect(ours.length).toBeGreaterThan(0) // the size report below measures real chunks
    console.log(`[docs e2e] playground page JS: ${sizes([...scripts.values()])}`)
    console.log(`[docs e2e] playground chunks (component + engine + in-page server): ${sizes(ours)}`)
  })

  it('the widget is in the first screen (1280 × 800), the things to try below it', async () => {
    const firstScreen = 800
    for (const part of [page.getByTestId('status'), button('Login'), page.getByTestId('last-error')]) {
      const box = await part.boundingBox()
      expect(box).not.toBeNull()
      expect((box?.y ?? firstScreen) + (box?.height ?? 0)).toBeLessThan(firstScreen)
    }
    const widget = await page.getByRole('region', { name: 'Connection playground' }).boundingBox()
    const things = await page.getByRole('heading', { name: 'Things to try' }).boundingBox()
    expect(widget).not.toBeNull()
    expect(things?.y ?? 0).toBeGreaterThan(widget?.y ?? Number.POSITIVE_INFINITY)
  })

  it('the status badge and the last-error box have accessible names', async () => {
    const badge = page.getByRole('status', { name: 'Connection status', exact: true })
    expect(await badge.textContent()).toBe('disconnected')
    expect(await page.getByRole('status', { name: "bob's connection status" }).textContent()).toBe(
      'connected',
    )
    const lastError = page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.textContent()).toBe('no error yet')
  })

  it('auto mode: Login → connected; Background → disconnected at once; Foreground → connected', async () => {
    await button('Login').click()
    await waitForStatus('connected')
    expect(await text('user')).toBe('logged in as alice')
    expect(await statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
    await shot('02-auto-connected')

    await button('Background').click()
    // "At once": the click's own update already shows it (no connecting, no delay).
    expect(await text('status')).toBe('disconnected')
    expect(await page.getByTestId('state-diagram').getAttribute('data-edge')).toBe('connected->disconnected')
    await shot('03-auto-background')

    await button('Foreground').click()
    await waitForStatus('connected')
    expect((await statusHistory()).slice(-3)).toEqual(['disconnected', 'connecting', 'connected'])
    await shot('04-auto-foreground')
  })

  it('manual mode: login stays disconnected; Connect → connected', async () => {
    await button('Logout').click()
    await waitForTestId('user', 'nobody logged in')
    await button('Manual mode').click()
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('button[aria-pressed=true]')).some(
        (b) => b.textContent === 'Manual mode',
      ),
    )
    const before = (await statusHistory()).length
    await button('Login').click()
    await waitForTestId('user', 'logged in as alice')
    // The login finished and no attempt started: no `connecting` since, and the intent is idle.
    expect(await text('status')).toBe('disconnected')
    expect((await statusHistory()).slice(before)).toEqual([])
    expect(await page.locator('[data-field=intent]').textContent()).toBe('idle')
    await shot('05-manual-logged-in')

    await button('Connect').click()
    await waitForStatus('connected')
    await shot('06-manual-connected')
  })

  it('manual mode: Background with a 1500 ms grace period → disconnected after it', async () => {
    await page.getByLabel('Background timeout (ms)').fill('1500')
    await button('Apply').click()
    await page.waitForFunction(() => document.body.textContent?.includes('in force: 1500 ms'))
    // Re-creating the engine restored the session without a socket: connect again.
    await waitForTestId('user', 'logged in as alice')
    expect(await text('status')).toBe('disconnected')
    await button('Connect').click()
    await waitForStatus('connected')

    const start = Date.now()
    await button('Background').click()
    const due = await deadline('background-countdown')
    expect(due - start).toBeGreaterThan(1000)
    expect(due - start).toBeLessThan(2500)
    expect(await text('status')).toBe('connected')
    await shot('07-manual-background-countdown')
    await waitForStatus('disconnected', 10_000)
    const elapsed = Date.now() - start
    expect(elapsed).toBeGreaterThanOrEqual(1400)
    expect(elapsed).toBeLessThan(6000)
    expect(await text('background-countdown')).toBe('—')
    await shot('08-manual-background-timeout')
  })

  it('manual mode: Ping before the grace period ends keeps it connected past the original deadline', async () => {
    await button('Foreground').click()
    // A socket closed in the background stays closed on foreground (B6): the app connects again.
    expect(await text('status')).toBe('disconnected')
    await button('Connect').click()
    await waitForStatus('connected')

    await button('Background').click()
    const first = await deadline('background-countdown')
    // Ping in the second half of the grace period (~1 s before the deadline, room for a slow machine).
    await waitForClock(first - 1000)
    await button('Ping').click()
    await page.waitForFunction(
      (d) =>
        Number(document.querySelector('[data-testid=background-countdown]')?.getAttribute('data-deadline')) >
        d,
      first,
    )
    const pushed = await deadline('background-countdown')
    expect(pushed).toBeGreaterThan(first + 300)
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=timeline]')?.textContent?.includes('ping() ✓'),
    )
    await waitForClock(first + 300)
    expect(await text('status')).toBe('connected')
    await shot('09-manual-ping-kept-alive')

    await waitForStatus('disconnected', 10_000)
    expect(Date.now()).toBeGreaterThanOrEqual(pushed - 50)
    await button('Foreground').click()
  })

  it('Offline → Connect shows ERR_NO_INTERNET', async () => {
    await button('Offline').click()
    await button('Connect').click()
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=last-error]')?.getAttribute('data-code') === 'ERR_NO_INTERNET',
    )
    expect(await text('last-error')).toContain('ERR_NO_INTERNET')
    expect(await text('status')).toBe('disconnected')
    await shot('10-offline-connect-error')
    await button('Online').click()
  })

  it('messages from the second user arrive only while connected', async () => {
    await button('Connect').click()
    await waitForStatus('connected')
    // The ERR_NO_INTERNET from before is history now: shown as past, not red beside `connected`.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=last-error]')?.getAttribute('data-state') === 'past',
    )
    const lastError = page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.textContent()).toMatch(/^past error, connected again at [\d:.]+: ERR_NO_INTERNET/)
    // Its code is no longer in the error red: it takes the box's (muted) text colour.
    const colours = await lastError.evaluate((box) => ({
      code: getComputedStyle(box.querySelector('code') as Element).color,
      box: getComputedStyle(box).color,
    }))
    expect(colours.code).toBe(colours.box)
    await shot('10b-past-error-after-recovery')
    await button('Peer sends message').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=inbox] li b').length === 1)

    await button('Disconnect').click()
    await waitForStatus('disconnected')
    await button('Peer sends message').click()
    await waitForTestId('peer-sent', 'sent 2')
    expect(await page.locator('[data-testid=inbox] li b').count()).toBe(1)
    await shot('11-messages-only-while-connected')
    expect(observed.consoleErrors).toEqual([])
  })
})
