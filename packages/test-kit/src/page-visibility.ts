import type { Page } from 'playwright-core'

/**
 * Makes the page look hidden or visible to the app (`document.visibilityState`, `document.hidden`) and
 * fires `visibilitychange`, as switching tabs would. Headless Chromium never hides a page by itself.
 */
export function setPageVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  return page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
  }, state)
}
