// The standalone playground app (dist/app) in real headless Chromium against a real server
// (`?server=`): the real WebSocket and fetch path that the docs' in-page default does not take.
import { startServer } from '@cometchat-connection/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlayground, type PlaygroundPage, shots } from './playground-page.js'

let server: Awaited<ReturnType<typeof startServer>>
let p: PlaygroundPage
const waitForTestId = (testId: string, expected: string) => p.waitForTestId(testId, expected)
const button = (name: string) => p.button(name)
const statusHistory = () => p.observed.statusHistory()

beforeAll(async () => {
  server = await startServer({ port: 0 })
  p = await openPlayground()
})

afterAll(async () => {
  await p?.close()
  await server?.close()
})

describe('standalone playground against a real server', () => {
  it('loads with no console errors, on the real server, and logs the second user in', async () => {
    await p.page.goto(`${p.url}/?server=${encodeURIComponent(server.url)}`)
    await waitForTestId('status', 'disconnected')
    await waitForTestId('peer-status', 'connected')
    expect(await p.page.getByTestId('transport').textContent()).toBe(`real server ${server.url}`)
    expect(await button('Drop connections').isDisabled()).toBe(true)
    expect(p.observed.consoleErrors).toEqual([])
  })

  it('the status badges and the last-error box have accessible names', async () => {
    const badge = p.page.getByRole('status', { name: 'Connection status', exact: true })
    expect(await badge.textContent()).toBe('disconnected')
    expect(await p.page.getByRole('status', { name: "bob's connection status" }).textContent()).toBe(
      'connected',
    )
    const lastError = p.page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.getAttribute('data-state')).toBe('none')
  })

  it('Login → connecting → connected over a real WebSocket', async () => {
    await button('Login').click()
    await waitForTestId('status', 'connected')
    expect(await statusHistory()).toEqual(['disconnected', 'connecting', 'connected'])
    expect(server.core.onlineUsers().map((u) => u.uid)).toEqual(expect.arrayContaining(['alice', 'bob']))
    await p.page.screenshot({ path: `${shots}/standalone-connected.png`, fullPage: true })
  })

  it('a message from the second user arrives through the real server', async () => {
    await button('Peer sends message').click()
    await p.page.waitForFunction(() =>
      document.querySelector('[data-testid=inbox]')?.textContent?.includes('bob'),
    )
  })

  it('the server drops every socket: ERR_WEBSOCKET_ERROR, then it reconnects by itself', async () => {
    const disconnectsBefore = (await p.mainStatusEntries()).filter((s) => s === 'disconnected').length
    server.dropConnections()
    await p.page.waitForFunction(
      () =>
        document.querySelector('[data-testid=last-error]')?.getAttribute('data-code') ===
        'ERR_WEBSOCKET_ERROR',
    )
    await waitForTestId('status', 'connected')
    // The listeners heard the loss; the badge went back through `connecting` (it may skip `disconnected`
    // when the jittered retry delay is 0 ms: see mainStatusEntries).
    const disconnects = (await p.mainStatusEntries()).filter((s) => s === 'disconnected').length
    expect(disconnects).toBe(disconnectsBefore + 1)
    expect((await statusHistory()).slice(-2)).toEqual(['connecting', 'connected'])
    // Connected again: the error is shown as past, not as a red error beside the green badge.
    await p.page.waitForFunction(
      () => document.querySelector('[data-testid=last-error]')?.getAttribute('data-state') === 'past',
    )
    const lastError = p.page.getByRole('status', { name: 'Last error', exact: true })
    expect(await lastError.textContent()).toMatch(
      /^past error, connected again at [\d:.]+: ERR_WEBSOCKET_ERROR/,
    )
    // Its code is no longer in the error red: it takes the box's (muted) text colour.
    const colours = await lastError.evaluate((box) => ({
      code: getComputedStyle(box.querySelector('code') as Element).color,
      box: getComputedStyle(box).color,
    }))
    expect(colours.code).toBe(colours.box)
    await p.page.screenshot({ path: `${shots}/standalone-reconnected.png`, fullPage: true })
    expect(p.observed.consoleErrors.filter((e) => !e.includes('WebSocket'))).toEqual([])
  })
})
