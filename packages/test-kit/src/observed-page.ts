import type { BrowserContext, Page } from 'playwright-core'

/** A page that records what a browser test wants to check afterwards. */
export interface ObservedPage {
  readonly page: Page
  /** Console errors and uncaught page errors, in order. */
  readonly consoleErrors: string[]
  /** Every text the `[data-testid=status]` badge showed, so a short `connecting` is seen too. */
  statusHistory(): Promise<string[]>
}

/** Opens a page that collects console errors and records the status badge's history from the first paint. */
export async function openObservedPage(context: BrowserContext): Promise<ObservedPage> {
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __statuses: string[] }).__statuses = seen
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid=status]')?.textContent
      if (s && seen.at(-1) !== s) seen.push(s)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  return {
    page,
    consoleErrors,
    statusHistory: () => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses),
  }
}
