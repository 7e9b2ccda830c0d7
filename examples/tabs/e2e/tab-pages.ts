import type { BrowserContext, Page, WebSocket } from 'playwright-core'

/** A page of the example, with what it did on the wire and on screen. */
export interface TabPage {
  readonly page: Page
  /** The WebSockets this page opened (playwright sees each page's own). */
  readonly sockets: WebSocket[]
  /** Uncaught errors of the page. */
  readonly errors: string[]
  /** Whether this page holds an open socket now (it is the leader, or has its own). */
  holdsSocket(): boolean
  /** The status badge's text now. */
  status(): Promise<string | null>
  /** Every status the badge showed, with the page's `Date.now()` when it did. */
  statusLog(): Promise<Array<[string, number]>>
  /** Ids of the messages in the page's list, in order. */
  messageIds(): Promise<string[]>
  /** Waits until the badge shows `status`. */
  waitForStatus(status: string, timeout?: number): Promise<void>
  /** Waits until the list holds `count` messages. */
  waitForMessages(count: number): Promise<void>
}

/** Opens the example at `url` in a new page of `context` (same origin: the pages share locks and channels). */
export async function openTabPage(context: BrowserContext, url: string): Promise<TabPage> {
  const page = await context.newPage()
  const sockets: WebSocket[] = []
  const errors: string[] = []
  page.on('websocket', (ws) => sockets.push(ws))
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(() => {
    const log: Array<[string, number]> = []
    ;(window as unknown as { __statusLog: typeof log }).__statusLog = log
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid=status]')?.textContent
      if (s && log.at(-1)?.[0] !== s) log.push([s, Date.now()])
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  await page.goto(url)
  return {
    page,
    sockets,
    errors,
    holdsSocket: () => sockets.some((ws) => !ws.isClosed()),
    status: () => page.getByTestId('status').textContent(),
    statusLog: () =>
      page.evaluate(() => (window as unknown as { __statusLog: Array<[string, number]> }).__statusLog),
    messageIds: () =>
      page.$$eval('[data-testid=messages] li', (items) =>
        items.map((li) => (li as HTMLElement).dataset.id ?? ''),
      ),
    async waitForStatus(status, timeout = 10_000) {
      await page.waitForFunction(
        (s) => document.querySelector('[data-testid=status]')?.textContent === s,
        status,
        {
          timeout,
        },
      )
    },
    async waitForMessages(count) {
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=messages] li').length >= n,
        count,
        {
          timeout: 10_000,
        },
      )
    },
  }
}

/**
 * When the connection was back after `since` (epoch ms): the first `connected` that a page showed after
 * having shown another status after `since`. The pages and the test share the machine's clock.
 */
export async function reconnectedAt(pages: TabPage[], since: number): Promise<number | null> {
  let first: number | null = null
  for (const tab of pages) {
    const log = (await tab.statusLog()).filter(([, at]) => at >= since)
    const dropped = log.findIndex(([s]) => s !== 'connected')
    const back = dropped < 0 ? undefined : log.slice(dropped).find(([s]) => s === 'connected')
    if (back && (first === null || back[1] < first)) first = back[1]
  }
  return first
}

/** Waits (polling every 20 ms, up to `timeout`) until `check` holds; throws with `what` otherwise. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeout = 10_000,
): Promise<void> {
  const end = Date.now() + timeout
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
