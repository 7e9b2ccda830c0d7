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
  /**
   * The lines of the chat list with this `data-testid` (`inbox`, `peer-inbox`, `sent-list`): each one's
   * message text and its mark (`data-source` of a received line, `data-state` of a sent one).
   */
  chatLines(testId: string): Promise<ChatLineView[]>
  /** Waits (10 s at most) until that chat list has exactly `count` lines. */
  waitForChatLines(testId: string, count: number): Promise<unknown>
  close(): Promise<void>
}

/** A chat line as the page shows it. */
export interface ChatLineView {
  readonly text: string
  /** `live`, `replayed` or `fetched` (received); `waiting`, `stored` or `failed` (sent). */
  readonly mark: string
  /** The visible tag beside it (`recovered`, `fetched`, `waiting`, `stored`, …), or empty. */
  readonly tag: string
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
    chatLines: (testId) =>
      page.$$eval(
        `[data-testid="${testId}"] li[data-source], [data-testid="${testId}"] li[data-state]`,
        (lines) =>
          lines.map((l) => ({
            text: l.querySelector('.ccp-chat-text')?.textContent ?? '',
            mark: l.getAttribute('data-source') ?? l.getAttribute('data-state') ?? '',
            tag: l.querySelector('.ccp-tag')?.textContent ?? '',
          })),
      ),
    waitForChatLines: (testId, count) =>
      page.waitForFunction(
        ([id, n]) =>
          document.querySelectorAll(
            `[data-testid="${id}"] li[data-source], [data-testid="${id}"] li[data-state]`,
          ).length === n,
        [testId, count] as const,
        { timeout: 10_000 },
      ),
    async close() {
      await browser.close()
      await site.close()
    },
  }
}
