import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ConnectionEngine, TextMessage } from '@cometchat-connection/core'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ChromiumSession, launchChromium } from './chromium.js'
import { type ObservedPage, openObservedPage } from './observed-page.js'
import { setPageVisibility } from './page-visibility.js'
import { realEngineKit } from './real-engine-kit.js'
import { startTestServer, type TestServer } from './start-test-server.js'
import { type StaticServer, serveStatic } from './static-server.js'

/** Options of {@link describeExampleInChromium}. */
export interface ExampleScenarioOptions {
  /** The example's folder: screenshots go to its `test-output/`. */
  root: string
  /** The built site, relative to `root`. Default `dist`. */
  dist?: string
  /** Screenshot names start with it: `react` gives `react-connected.png`. */
  screenshotPrefix: string
}

/** One test's page of the example, and what a test does on it. */
interface ExampleApp {
  readonly page: Page
  readonly observed: ObservedPage
  /** Waits until the element with this test id shows exactly `text`. */
  waitForText(testId: string, text: string): Promise<void>
  /** Waits until some element with this test id shows exactly `text`; returns how many do. */
  waitForItem(testId: string, text: string): Promise<number>
  /** The text of the element with this test id. */
  text(testId: string): Promise<string>
  /** Types `uid` and clicks Log in; waits until the page says this user is logged in. */
  logIn(uid: string): Promise<void>
  /** Fills the send box and clicks Send (the box clears at once; the message shows once stored). */
  send(to: string, text: string): Promise<void>
  /**
   * The page logged no console error and threw no uncaught error (`allow`: browser log lines to accept,
   * such as its own note about a refused request).
   */
  expectNoConsoleErrors(allow?: RegExp): void
}

/** A second user, as a Node engine against the same server. */
interface OtherUser {
  readonly uid: string
  readonly engine: ConnectionEngine
  /** Messages it received, as `sender: text`. */
  readonly received: string[]
}

/**
 * Registers the browser checks the React, Vue and Angular examples share (their pages have the same
 * test ids): each built example in headless Chromium against the real server. Every test opens the app
 * on a fresh origin (so a fresh `localStorage`), with users of its own, and waits for the outcome it
 * claims, so any test can run alone and one failure does not cascade. Call it at the top level of a
 * vitest file.
 *
 * @example
 * ```ts
 * describeExampleInChromium('React example in Chromium', {
 *   root: fileURLToPath(new URL('..', import.meta.url)),
 *   screenshotPrefix: 'react',
 * })
 * ```
 */
export function describeExampleInChromium(title: string, options: ExampleScenarioOptions): void {
  const shots = join(options.root, 'test-output')
  const dist = join(options.root, options.dist ?? 'dist')
  let server: TestServer
  let browser: ChromiumSession
  const cleanups: Array<() => Promise<void> | void> = []
  let nextUser = 0
  /** A uid no other test uses, so the server's state (sessions, inboxes) never crosses tests. */
  const uid = (name: string) => `${name}${++nextUser}`

  beforeAll(async () => {
    await mkdir(shots, { recursive: true })
    server = await startTestServer()
    browser = await launchChromium({ width: 900, height: 700 })
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Opens the example against the test server, on a new origin; `query` adds `?mode=manual` etc. */
  async function openApp(query: Record<string, string> = {}): Promise<ExampleApp> {
    await browser.context.setOffline(false) // whatever an earlier test left behind
    const site: StaticServer = await serveStatic(dist, { spa: true })
    const observed = await openObservedPage(browser.context)
    const { page } = observed
    cleanups.push(async () => {
      await page.close()
      await site.close()
    })
    page.setDefaultTimeout(10_000)
    const search = new URLSearchParams({ server: server.url, ...query })
    await page.goto(`${site.url}/?${search}`)
    const app: ExampleApp = {
      page,
      observed,
      async waitForText(testId, text) {
        await page.waitForFunction(
          ([id, t]) => document.querySelector(`[data-testid=${id}]`)?.textContent?.trim() === t,
          [testId, text] as const,
        )
      },
      async waitForItem(testId, text) {
        const count = () =>
          page.evaluate(
            ([id, t]) =>
              Array.from(document.querySelectorAll(`[data-testid=${id}]`)).filter(
                (e) => e.textContent?.replace(/\s+/g, ' ').trim() === t,
              ).length,
            [testId, text] as const,
          )
        await page.waitForFunction(
          ([id, t]) =>
            Array.from(document.querySelectorAll(`[data-testid=${id}]`)).some(
              (e) => e.textContent?.replace(/\s+/g, ' ').trim() === t,
            ),
          [testId, text] as const,
        )
        return count()
      },
      text: async (testId) => ((await page.getByTestId(testId).textContent()) ?? '').trim(),
      async logIn(name) {
        await page.getByTestId('uid').fill(name)
        await page.getByTestId('login').click()
        await app.waitForText('user', `logged in as ${name}`)
      },
      async send(to, text) {
        await page.getByTestId('to').fill(to)
        await page.getByTestId('text').fill(text)
        await page.getByTestId('send').click()
      },
      expectNoConsoleErrors(allow) {
        expect(observed.consoleErrors.filter((line) => !allow?.test(line))).toEqual([])
      },
    }
    await app.waitForText('status', 'disconnected')
    return app
  }

  /** Logs `name` in from Node (a `ws` engine), connected before it returns; destroyed after the test. */
  async function otherUser(name: string): Promise<OtherUser> {
    const engine = realEngineKit(server).create()
    cleanups.push(() => engine.destroy())
    const received: string[] = []
    engine.addMessageListener('e2e', {
      onTextMessageReceived: (m: TextMessage) => received.push(`${m.sender}: ${m.text}`),
    })
    await engine.login({ uid: name, authKey: server.authKey })
    await new Promise<void>((resolve) => {
      const check = () => {
        if (engine.getConnectionStatus() !== 'connected') return
        off()
        resolve()
      }
      const off = engine.subscribe(check)
      check()
    })
    return { uid: name, engine, received }
  }

  /** Resolves once `user` has received exactly `expected` (in order). */
  const untilReceived = (user: OtherUser, expected: string[]) =>
    expect.poll(() => user.received, { timeout: 10_000 }).toEqual(expected)

  const shot = (app: ExampleApp, name: string) =>
    app.page.screenshot({ path: join(shots, `${options.screenshotPrefix}-${name}.png`) })

  describe(title, () => {
    it('loads disconnected, nobody logged in, in auto mode, with no console error', async () => {
      const app = await openApp()
      expect(await app.text('user')).toBe('nobody logged in')
      expect(await app.text('mode')).toBe('auto')
      expect(await app.text('last-error')).toBe('none')
      app.expectNoConsoleErrors()
    })

    it('log in, send at once (no wait for connected): the message reaches a second user, once', async () => {
      const bob = await otherUser(uid('bob'))
      const app = await openApp()
      const alice = uid('alice')
      await app.logIn(alice)
      await app.send(bob.uid, 'hello from the browser') // maybe still connecting
      await untilReceived(bob, [`${alice}: hello from the browser`])
      const shown = `${alice} → ${bob.uid}: hello from the browser`
      expect(await app.waitForItem('message', shown)).toBe(1) // the sender's list shows it once stored
      await app.waitForText('status', 'connected')
      expect(await app.observed.statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
      await shot(app, 'connected')
      app.expectNoConsoleErrors()
    })

    it('another user: shown online, and the message they send appears', async () => {
      const app = await openApp()
      const alice = uid('alice')
      await app.logIn(alice)
      await app.waitForText('status', 'connected')
      const bob = await otherUser(uid('bob'))
      await app.page.waitForFunction(
        (name) => document.querySelector('[data-testid=online]')?.textContent?.split(/,\s*/).includes(name),
        bob.uid,
      )
      await bob.engine.sendMessage(alice, 'hi alice')
      expect(await app.waitForItem('message', `${bob.uid} → ${alice}: hi alice`)).toBe(1)
      await bob.engine.logout()
      await app.page.waitForFunction(
        (name) => !document.querySelector('[data-testid=online]')?.textContent?.split(/,\s*/).includes(name),
        bob.uid,
      )
      app.expectNoConsoleErrors()
    })

    it('a wrong auth key shows ERR_AUTH_FAILED, from the connection state alone', async () => {
      const app = await openApp({ authKey: 'wrong-key' })
      await app.page.getByTestId('login').click()
      await app.waitForText('last-error', 'ERR_AUTH_FAILED')
      expect(await app.text('user')).toBe('nobody logged in')
      expect(await app.text('status')).toBe('disconnected')
      await shot(app, 'auth-failed')
      // The failed login is state, not an unhandled rejection: the only console line is Chromium's own
      // note about the refused login request.
      app.expectNoConsoleErrors(/^Failed to load resource: the server responded with a status of 401/)
      expect(app.observed.consoleErrors).toHaveLength(1)
    })

    it('auto mode: hidden → disconnected; a message sent meanwhile arrives on return, once, marked recovered', async () => {
      const app = await openApp()
      const alice = uid('alice')
      await app.logIn(alice)
      await app.waitForText('status', 'connected')
      await setPageVisibility(app.page, 'hidden')
      await app.waitForText('status', 'disconnected') // auto mode closes the socket in the background
      const bob = await otherUser(uid('bob'))
      await bob.engine.sendMessage(alice, 'sent while you were away') // stored in alice's inbox
      await setPageVisibility(app.page, 'visible')
      await app.waitForText('status', 'connected')
      await app.waitForItem('message', `${bob.uid} → ${alice}: sent while you were away (recovered)`)
      await app.waitForText('recovery', 'Back: 1 missed message(s) delivered.')
      await bob.engine.sendMessage(alice, 'live again') // after the replay, in order
      await app.waitForItem('message', `${bob.uid} → ${alice}: live again`)
      const items = await app.page.getByTestId('message').allTextContents()
      expect(items.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
        `${bob.uid} → ${alice}: sent while you were away (recovered)`,
        `${bob.uid} → ${alice}: live again`,
      ])
      await shot(app, 'recovered')
      app.expectNoConsoleErrors()
    })

    it('auto mode: the browser going offline → disconnected with ERR_NO_INTERNET; online again → connected, error cleared', async () => {
      const app = await openApp()
      await app.logIn(uid('alice'))
      await app.waitForText('status', 'connected')
      // Chromium's own offline emulation: navigator.onLine and the events core's network source follows.
      await browser.context.setOffline(true)
      await app.waitForText('status', 'disconnected')
      await app.waitForText('last-error', 'ERR_NO_INTERNET')
      await browser.context.setOffline(false)
      await app.waitForText('status', 'connected')
      await app.waitForText('last-error', 'none')
      app.expectNoConsoleErrors()
    })

    it('auto mode: Ping shows ERROR_PING_NOT_AVAILABLE from the state; the connection stays', async () => {
      const app = await openApp()
      await app.logIn(uid('alice'))
      await app.waitForText('status', 'connected')
      await app.page.getByTestId('ping').click()
      await app.waitForText('last-error', 'ERROR_PING_NOT_AVAILABLE')
      expect(await app.text('pinged')).toBe('never')
      expect(await app.text('status')).toBe('connected')
      app.expectNoConsoleErrors()
    })

    it('manual mode: login opens no socket; Connect → connected; hidden keeps the socket; Ping succeeds', async () => {
      const app = await openApp({ mode: 'manual' })
      expect(await app.text('mode')).toBe('manual')
      await app.logIn(uid('alice'))
      expect(await app.text('status')).toBe('disconnected')
      await app.page.getByTestId('connect').click()
      await app.waitForText('status', 'connected')
      await setPageVisibility(app.page, 'hidden')
      await app.page.getByTestId('ping').click()
      await app.page.waitForFunction(() =>
        document.querySelector('[data-testid=pinged]')?.textContent?.startsWith('ok at'),
      )
      expect(await app.text('status')).toBe('connected')
      expect(await app.text('last-error')).toBe('none')
      await shot(app, 'manual-background')
      await app.page.getByTestId('disconnect').click()
      await app.waitForText('status', 'disconnected')
      app.expectNoConsoleErrors()
    })

    it('manual mode: a reload restores the session without opening a socket', async () => {
      const app = await openApp({ mode: 'manual' })
      const alice = uid('alice')
      await app.logIn(alice)
      await app.page.reload()
      await app.waitForText('user', `logged in as ${alice}`)
      expect(await app.text('status')).toBe('disconnected')
      expect(await app.observed.statusHistory()).toEqual(['disconnected'])
      app.expectNoConsoleErrors()
    })

    it('Log out disconnects and forgets the user', async () => {
      const app = await openApp()
      await app.logIn(uid('alice'))
      await app.waitForText('status', 'connected')
      await app.page.getByTestId('logout').click()
      await app.waitForText('user', 'nobody logged in')
      await app.waitForText('status', 'disconnected')
      app.expectNoConsoleErrors()
    })
  })
}
