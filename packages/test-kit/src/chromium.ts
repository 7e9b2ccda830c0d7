import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/**
 * Flags for Debian's Chromium as root in a closed network: without the background-networking ones
 * it floods the machine with refused connections.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** A headless Chromium with a fresh, throw-away profile. */
export interface ChromiumSession {
  /** The browser's one context: `context.newPage()` for a tab. */
  readonly context: BrowserContext
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>
}

/**
 * Launches Debian's Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`) through playwright-core:
 * no browser download, and a new profile per launch.
 *
 * @param viewport - the pages' size (screenshots have it)
 * @example
 * ```ts
 * const browser = await launchChromium({ width: 900, height: 600 })
 * const page = await browser.context.newPage()
 * await browser.close()
 * ```
 */
export async function launchChromium(viewport = { width: 1100, height: 800 }): Promise<ChromiumSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'cometchat-e2e-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
    viewport,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
