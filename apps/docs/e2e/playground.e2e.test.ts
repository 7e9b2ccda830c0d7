// The docs' playground page, built (build/) and served statically, in real headless Chromium. The
// playground runs the server's protocol logic inside the page: no server process is involved.
// Every test opens the page on a fresh origin (fresh storage, fresh in-page server) and sets up the
// state it needs itself, so any test runs alone and one failure does not cascade. Every wait is on the
// page (waitForFunction), never a fixed sleep; timing claims are checked against the page's own
// deadlines, with the page's clock, never against how long the machine took.
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { launchChromium } from '@cometchat-connection/test-kit'
import type { Response } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openPlayground, type PlaygroundPage } from './playground-page.js'

const root = new URL('..', import.meta.url).pathname
const build = `${root}build`
const shots = `${root}test-output`
let browser: Awaited<ReturnType<typeof launchChromium>>
const open: PlaygroundPage[] = []

/** The playground on a fresh origin; closed after the test. */
async function playground(): Promise<PlaygroundPage> {
  const p = await openPlayground(browser, build)
  open.push(p)
  return p
}

const shot = (p: PlaygroundPage, name: string) =>
  p.page.screenshot({ path: `${shots}/${name}.png`, fullPage: true })

/** `N files, X kB raw, Y kB gzip`. */
function sizes(bodies: readonly Buffer[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  const raw = bodies.reduce((sum, b) => sum + b.length, 0)
  const gz = bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0)
  return `${bodies.length} file${bodies.length === 1 ? '' : 's'}, ${kb(raw)} raw, ${kb(gz)} gzip`
}

/** Manual mode, with this background grace period, alice logged in and connected. */
async function manualConnected(graceMs: number): Promise<PlaygroundPage> {
  const p = await playground()
  await p.manualMode()
  await p.applyTiming('Background timeout (ms)', graceMs)
  await p.logIn()
  await p.button('Connect').click()
  await p.waitForStatus('connected')
  return p
}

beforeAll(async () => {
  if (!existsSync(`${build}/docs/playground.html`)) {
    throw new Error('apps/docs/build is missing: run `pnpm --filter @cometchat-connection/docs build` first.')
  }
  await mkdir(shots, { recursive: true })
  browser = await launchChromium({ width: 1280, height: 1000 })
})

afterEach(async () => {
  for (const p of open.splice(0)) await p.close()
})

afterAll(async () => {
  await browser?.close()
})

describe('the playground page of the built docs', () => {
  it('is generated without the playground: static generation rendered only the fallback', async () => {
    const html = await readFile(`${build}/docs/playground.html`, 'utf8')
    expect(html).toContain('Loading the playground…')
    expect(html).not.toContain('data-testid="status"')
  })

  it('loads with no console errors; the second user connects through the in-page server', async () => {
    const scripts = new Map<string, Buffer>()
    const record = async (r: Response) => {
      if (r.request().resourceType() === 'script' && r.ok()) scripts.set(r.url(), await r.body())
    }
    browser.context.on('response', record)
    const p = await playground().finally(() => browser.context.off('response', record))
    expect(await p.text('transport')).toBe('in-page server')
    expect(await p.button('Auto mode').getAttribute('aria-pressed')).toBe('true')
    await shot(p, '01-loaded')
    await p.page.screenshot({ path: `${shots}/01-first-screen.png` }) // the viewport only
    expect(p.observed.consoleErrors).toEqual([])

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
    const p = await playground()
    const firstScreen = 800
    for (const part of [p.page.getByTestId('status'), p.button('Login'), p.page.getByTestId('last-error')]) {
      const box = await part.boundingBox()
      expect(box).not.toBeNull()
      expect((box?.y ?? firstScreen) + (box?.height ?? 0)).toBeLessThan(firstScreen)
    }
    const widget = await p.page.getByRole('region', { name: 'Connection playground' }).boundingBox()
    const things = await p.page.getByRole('heading', { name: 'Things to try' }).boundingBox()
    expect(widget).not.toBeNull()
    expect(things?.y ?? 0).toBeGreaterThan(widget?.y ?? Number.POSITIVE_INFINITY)
  })

  it('the status badge and the last-error box have accessible names', async () => {
    const { page } = await playground()
    const badge = page.getByRole('status', { name: 'Connection status', exact: true })
    expect(await badge.textContent()).toBe('disconnected')
    expect(await page.getByRole('status', { name: "bob's connection status" }).textContent()).toBe(
      'connected',
    )
    const lastError = page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.textContent()).toBe('no error yet')
  })

  it('auto mode: Login → connected; Background → disconnected at once; Foreground → connected', async () => {
    const p = await playground()
    await p.button('Login').click()
    await p.waitForStatus('connected')
    expect(await p.text('user')).toBe('logged in as alice')
    expect(await p.observed.statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
    await shot(p, '02-auto-connected')

    await p.button('Background').click()
    // "At once": the click's own update already shows it (no connecting, no delay).
    expect(await p.text('status')).toBe('disconnected')
    expect(await p.page.getByTestId('state-diagram').getAttribute('data-edge')).toBe(
      'connected->disconnected',
    )
    await shot(p, '03-auto-background')

    await p.button('Foreground').click()
    await p.waitForStatus('connected')
    expect((await p.observed.statusHistory()).slice(-3)).toEqual(['disconnected', 'connecting', 'connected'])
    await shot(p, '04-auto-foreground')
  })

  it('manual mode: login stays disconnected; Connect → connected', async () => {
    const p = await playground()
    await p.manualMode()
    await p.logIn()
    // The login finished and no attempt started: no `connecting` ever, and the intent is idle.
    expect(await p.text('status')).toBe('disconnected')
    expect(await p.observed.statusHistory()).toEqual(['disconnected'])
    expect(await p.page.locator('[data-field=intent]').textContent()).toBe('idle')
    await shot(p, '05-manual-logged-in')

    await p.button('Connect').click()
    await p.waitForStatus('connected')
    await shot(p, '06-manual-connected')
  })

  it('manual mode: Background with a 1500 ms grace period → disconnected when it ends, not before', async () => {
    const p = await manualConnected(1500)
    const before = await p.page.evaluate(() => Date.now())
    await p.button('Background').click()
    const due = await p.deadline('background-countdown')
    const after = await p.page.evaluate(() => Date.now())
    // The deadline is the grace period after the click (the page's clock, read around it).
    expect(due).toBeGreaterThanOrEqual(before + 1500)
    expect(due).toBeLessThanOrEqual(after + 1500)
    await shot(p, '07-manual-background-countdown')
    await p.waitForStatus('disconnected', due - Date.now() + 10_000)
    // It stayed connected until the deadline: the badge changed at it or after, never before.
    const [status, at] = (await p.statusTimes()).at(-1) ?? []
    expect(status).toBe('disconnected')
    expect(at).toBeGreaterThanOrEqual(due)
    expect(await p.text('background-countdown')).toBe('—')
    await shot(p, '08-manual-background-timeout')
  })

  it('manual mode: Ping in the background pushes the deadline; it stays connected past the first one', async () => {
    // A grace period long enough that the ping lands well inside it however slow the machine.
    const p = await manualConnected(4000)
    await p.button('Background').click()
    const first = await p.deadline('background-countdown')
    await p.waitForClock(first - 3000)
    await p.button('Ping').click()
    await p.waitForTimeline('ping() ✓') // the pong came back: the ping succeeded
    const pushed = await p.deadline('background-countdown')
    expect(pushed).toBeGreaterThan(first) // the grace period restarted at the ping
    await p.waitForClock(first)
    await shot(p, '09-manual-ping-kept-alive')

    await p.waitForStatus('disconnected', pushed - Date.now() + 10_000)
    // Connected past the first deadline: it closed at the pushed one, not before.
    const times = await p.statusTimes()
    expect(times.at(-2)?.[0]).toBe('connected')
    expect(times.at(-1)?.[0]).toBe('disconnected')
    expect(times.at(-1)?.[1]).toBeGreaterThanOrEqual(pushed)
  })

  it('manual mode: Foreground after the background timeout stays disconnected until Connect (B6)', async () => {
    const p = await manualConnected(300)
    await p.button('Background').click()
    await p.waitForStatus('disconnected')
    const changes = (await p.observed.statusHistory()).length
    await p.button('Foreground').click()
    expect(await p.text('status')).toBe('disconnected')
    expect(await p.observed.statusHistory()).toHaveLength(changes) // nothing reopened it
    await p.button('Connect').click()
    await p.waitForStatus('connected')
  })

  it('Offline → Connect shows ERR_NO_INTERNET', async () => {
    const p = await playground()
    await p.manualMode()
    await p.logIn()
    await p.button('Offline').click()
    await p.button('Connect').click()
    await p.page.waitForFunction(
      () =>
        document.querySelector('[data-testid=last-error]')?.getAttribute('data-code') === 'ERR_NO_INTERNET',
    )
    expect(await p.text('last-error')).toContain('ERR_NO_INTERNET')
    expect(await p.text('status')).toBe('disconnected')
    await shot(p, '10-offline-connect-error')
  })

  it('a past error is shown as past once connected again', async () => {
    const p = await playground()
    await p.manualMode()
    await p.logIn()
    await p.button('Offline').click()
    await p.button('Connect').click()
    await p.page.waitForFunction(
      () =>
        document.querySelector('[data-testid=last-error]')?.getAttribute('data-code') === 'ERR_NO_INTERNET',
    )
    await p.button('Online').click()
    await p.button('Connect').click()
    await p.waitForStatus('connected')
    // The ERR_NO_INTERNET from before is history now: shown as past, not red beside `connected`.
    await p.page.waitForFunction(
      () => document.querySelector('[data-testid=last-error]')?.getAttribute('data-state') === 'past',
    )
    const lastError = p.page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.textContent()).toMatch(/^past error, connected again at [\d:.]+: ERR_NO_INTERNET/)
    // Its code is no longer in the error red: it takes the box's (muted) text colour.
    const colours = await lastError.evaluate((box) => ({
      code: getComputedStyle(box.querySelector('code') as Element).color,
      box: getComputedStyle(box).color,
    }))
    expect(colours.code).toBe(colours.box)
    await shot(p, '10b-past-error-after-recovery')
  })

  it('messages from the second user arrive only while connected', async () => {
    const p = await manualConnected(30_000)
    await p.button('Peer sends message').click()
    await p.page.waitForFunction(() => document.querySelectorAll('[data-testid=inbox] li b').length === 1)

    await p.button('Disconnect').click()
    await p.waitForStatus('disconnected')
    await p.button('Peer sends message').click()
    await p.waitForText('peer-sent', 'sent 2') // the peer's send went through: stored by the server
    expect(await p.page.locator('[data-testid=inbox] li b').count()).toBe(1)
    await shot(p, '11-messages-only-while-connected')
    expect(p.observed.consoleErrors).toEqual([])
  })
})
