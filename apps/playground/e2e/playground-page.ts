// The standalone playground app (dist/app) served and opened in real headless Chromium, with the page
// helpers its e2e tests share.
import { mkdir } from 'node:fs/promises'
import {
  launchChromium,
  type ObservedPage,
  openObservedPage,
  serveStatic,
} from '@cometchat-connection/test-kit'
import type { Page } from 'playwright-core'

/** Where the e2e tests write their screenshots (git-ignored). */
export const shots = `${new URL('..', import.meta.url).pathname}test-output`

/** An open playground page and what its tests use. */
export interface PlaygroundPage {
  readonly page: Page
  readonly observed: ObservedPage
  /** The static server's base URL of the built app. */
  readonly url: string
  /** Waits (10 s at most) until the element with this `data-testid` has exactly this text. */
  waitForTestId(testId: string, expected: string): Promise<unknown>
  button(name: string): ReturnType<Page['getByRole']>
  /**
   * The main engine's connection-listener status calls logged in the timeline, oldest first (the second
   * user's start with its uid). Unlike the badge, they always include `disconnected` after a loss: when
   * the jittered retry delay is 0 ms the loss and the retry are one event, and the snapshot goes straight
   * from `connected` to `connecting`.
   */
  mainStatusEntries(): Promise<string[]>
  close(): Promise<void>
}

/** Serves `dist/app` and opens it in a new Chromium (not navigated yet: `page.goto(url + …)`). */
export async function openPlayground(): Promise<PlaygroundPage> {
  await mkdir(shots, { recursive: true })
  const site = await serveStatic(`${new URL('..', import.meta.url).pathname}dist/app`)
  const browser = await launchChromium({ width: 1280, height: 1000 })
  const observed = await openObservedPage(browser.context)
  const page = observed.page
  return {
    page,
    observed,
    url: site.url,
    waitForTestId: (testId, expected) =>
      page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
        [testId, expected] as const,
        { timeout: 10_000 },
      ),
    button: (name) => page.getByRole('button', { name, exact: true }),
    mainStatusEntries: () =>
      page.$$eval('[data-testid=timeline] li[data-kind=status] .ccp-entry-text', (entries) =>
        entries.map((e) => e.textContent ?? ''),
      ),
    async close() {
      await browser.close()
      await site.close()
    },
  }
}
