// The standalone playground app (dist/app) in real headless Chromium against a real server
// (`?server=`): the real WebSocket and fetch path that the docs' in-page default does not take.
import { mkdir } from 'node:fs/promises'
import { startServer } from '@cometchat-connection/server'
import {
  launchChromium,
  type ObservedPage,
  openObservedPage,
  serveStatic,
} from '@cometchat-connection/test-kit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const shots = `${root}test-output`
let server: Awaited<ReturnType<typeof startServer>>
let site: Awaited<ReturnType<typeof serveStatic>>
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let observed: ObservedPage

const waitForTestId = (testId: string, expected: string) =>
  page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
    [testId, expected] as const,
    { timeout: 10_000 },
  )
const button = (name: string) => page.getByRole('button', { name, exact: true })
const statusHistory = () => observed.statusHistory()

beforeAll(async () => {
  await mkdir(shots, { recursive: true })
  server = await startServer({ port: 0 })
  site = await serveStatic(`${root}dist/app`)
  browser = await launchChromium({ width: 1280, height: 1000 })
  observed = await openObservedPage(browser.context)
  page = observed.page
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await server?.close()
})

describe('standalone playground against a real server', () => {
  it('loads with no console errors, on the real server, and logs the second user in', async () => {
    await page.goto(`${site.url}/?server=${encodeURIComponent(server.url)}`)
    await waitForTestId('status', 'disconnected')
    await waitForTestId('peer-status', 'connected')
    expect(await page.getByTestId('transport').textContent()).toBe(`real server ${server.url}`)
    expect(await button('Drop connections').isDisabled()).toBe(true)
    expect(observed.consoleErrors).toEqual([])
  })

  it('Login → connecting → connected over a real WebSocket', async () => {
    await button('Login').click()
    await waitForTestId('status', 'connected')
    expect(await statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
    expect(server.core.onlineUsers().map((u) => u.uid)).toEqual(expect.arrayContaining(['alice', 'bob']))
    await page.screenshot({ path: `${shots}/standalone-connected.png`, fullPage: true })
  })

  it('a message from the second user arrives through the real server', async () => {
    await button('Peer sends message').click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=inbox]')?.textContent?.includes('bob'),
    )
  })

  it('the server drops every socket: ERR_WEBSOCKET_ERROR, then it reconnects by itself', async () => {
    server.dropConnections()
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=last-error]')?.getAttribute('data-code') ===
        'ERR_WEBSOCKET_ERROR',
    )
    await waitForTestId('status', 'connected')
    expect((await statusHistory()).slice(-3)).toEqual(['disconnected', 'connecting', 'connected'])
    await page.screenshot({ path: `${shots}/standalone-reconnected.png`, fullPage: true })
    expect(observed.consoleErrors.filter((e) => !e.includes('WebSocket'))).toEqual([])
  })
})
