// One test's playground page of the built docs: a fresh origin (so a fresh localStorage and a fresh
// in-page server), and what a test does on it. Every wait is on the page (waitForFunction), never a sleep.
import {
  type ChromiumSession,
  type ObservedPage,
  openObservedPage,
  type StaticServer,
  serveStatic,
} from '@cometchat-connection/test-kit'
import type { Page } from 'playwright-core'

/** The playground page open in one test, with its helpers. */
export interface PlaygroundPage {
  readonly page: Page
  readonly observed: ObservedPage
  /** The button with exactly this name. */
  button(name: string): ReturnType<Page['getByRole']>
  /** The text of the element with this test id. */
  text(testId: string): Promise<string | null>
  /** Waits until the element with this test id shows exactly `expected`. */
  waitForText(testId: string, expected: string, timeout?: number): Promise<void>
  /** Waits until the main user's status badge shows `status`. */
  waitForStatus(status: string, timeout?: number): Promise<void>
  /** Every status the badge showed with the page's clock (epoch ms) when it did, from the first paint. */
  statusTimes(): Promise<Array<[status: string, at: number]>>
  /** The epoch ms a countdown (e.g. `background-countdown`) counts to, NaN when none. */
  deadline(testId: string): Promise<number>
  /** Waits until the page's clock reaches `at` (epoch ms): the way a user waits for time to pass. */
  waitForClock(at: number): Promise<void>
  /** Switches to manual mode and waits until the page shows it. */
  manualMode(): Promise<void>
  /** Sets a timing field (e.g. 'Background timeout (ms)'), applies it, and waits until it is in force. */
  applyTiming(label: string, ms: number): Promise<void>
  /** Clicks Login and waits until alice is logged in. */
  logIn(): Promise<void>
  /** Waits until the timeline shows an entry containing `entry` (e.g. `ping() ✓`). */
  waitForTimeline(entry: string): Promise<void>
  /** Closes the page and its origin. */
  close(): Promise<void>
}

/** Opens the built playground page on a new origin, and waits until the page and its second user are up. */
export async function openPlayground(browser: ChromiumSession, build: string): Promise<PlaygroundPage> {
  const site: StaticServer = await serveStatic(build)
  const observed = await openObservedPage(browser.context)
  const { page } = observed
  page.setDefaultTimeout(10_000)
  // The badge's history with the page's clock: a status change's time is checked against a deadline.
  await page.addInitScript(() => {
    const seen: Array<[string, number]> = []
    ;(window as unknown as { __statusTimes: typeof seen }).__statusTimes = seen
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid=status]')?.textContent
      if (s && seen.at(-1)?.[0] !== s) seen.push([s, Date.now()])
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  const waitForText = async (testId: string, expected: string, timeout = 10_000) => {
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want,
      [testId, expected] as const,
      { timeout },
    )
  }
  const button = (name: string) => page.getByRole('button', { name, exact: true })
  const p: PlaygroundPage = {
    page,
    observed,
    button,
    text: (testId) => page.getByTestId(testId).textContent(),
    waitForText,
    waitForStatus: (status, timeout) => waitForText('status', status, timeout),
    statusTimes: () =>
      page.evaluate(() => (window as unknown as { __statusTimes: Array<[string, number]> }).__statusTimes),
    deadline: (testId) =>
      page.getByTestId(testId).evaluate((el) => Number(el.getAttribute('data-deadline') || Number.NaN)),
    async waitForClock(at) {
      await page.waitForFunction((t) => Date.now() >= t, at, { timeout: 60_000, polling: 25 })
    },
    async manualMode() {
      await button('Manual mode').click()
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('button[aria-pressed=true]')).some(
          (b) => b.textContent === 'Manual mode',
        ),
      )
    },
    async applyTiming(label, ms) {
      await page.getByLabel(label).fill(String(ms))
      await button('Apply').click()
      await page.waitForFunction((t) => document.body.textContent?.includes(t), `in force: ${ms} ms`)
    },
    async logIn() {
      await button('Login').click()
      await waitForText('user', 'logged in as alice')
    },
    async waitForTimeline(entry) {
      await page.waitForFunction(
        (e) => document.querySelector('[data-testid=timeline]')?.textContent?.includes(e),
        entry,
      )
    },
    async close() {
      await page.close()
      await site.close()
    },
  }
  await page.goto(`${site.url}/docs/playground`)
  await p.waitForStatus('disconnected')
  await waitForText('peer-status', 'connected')
  return p
}
