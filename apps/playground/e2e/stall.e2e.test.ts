// The standalone playground app (dist/app) in real headless Chromium with its default in-page server:
// the "Stall link (half-open)" switch, found by the engine's heartbeat (short settings applied in the form).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlayground, type PlaygroundPage, shots } from './playground-page.js'

const STALL = 'Stall link (half-open)'
let p: PlaygroundPage
const waitForStallSwitch = (checked: boolean) =>
  p.page.waitForFunction(
    ([name, value]) =>
      Array.from(document.querySelectorAll('[role=switch]'))
        .find((e) => e.textContent === name)
        ?.getAttribute('aria-checked') === value,
    [STALL, String(checked)] as const,
    { timeout: 10_000 },
  )

beforeAll(async () => {
  p = await openPlayground()
})

afterAll(async () => {
  await p?.close()
})

describe('standalone playground, in-page server', () => {
  it('a stalled link: the heartbeat drops it (disconnected, heartbeat error); unstalled, it connects again', async () => {
    const { page, observed, waitForTestId, button, mainStatusEntries } = p
    await page.goto(`${p.url}/`)
    await waitForTestId('transport', 'in-page server')
    await waitForTestId('peer-status', 'connected')

    // Short heartbeat: 300 ms of silence → ping, no pong within 300 ms → the socket is dead.
    await page.getByLabel('Heartbeat interval (ms)', { exact: true }).fill('300')
    await page.getByLabel('Pong timeout (ms)', { exact: true }).fill('300')
    await button('Apply').click()
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid=timeline]')
          ?.textContent?.includes('heartbeat 300 ms + pong timeout 300 ms'),
      undefined,
      { timeout: 10_000 },
    )
    await button('Login').click()
    await waitForTestId('status', 'connected')
    const before = (await observed.statusHistory()).length
    const disconnectsBefore = (await mainStatusEntries()).filter((s) => s === 'disconnected').length

    const stall = page.getByRole('switch', { name: STALL, exact: true })
    await stall.click()
    await waitForStallSwitch(true)
    await page.waitForFunction(
      () => {
        const error = document.querySelector('[data-testid=last-error]')
        return (
          error?.getAttribute('data-code') === 'ERR_WEBSOCKET_ERROR' &&
          /heartbeat/.test(error.textContent ?? '')
        )
      },
      undefined,
      { timeout: 10_000 },
    )
    // The listeners heard `disconnected` (the badge itself may go straight to `connecting` when the jittered
    // retry delay is 0 ms, so the loss and the retry are one event), and the badge never showed `connected`
    // again while stalled (the retry stays `connecting`: the stalled link holds its handshake).
    const disconnects = (await mainStatusEntries()).filter((s) => s === 'disconnected').length
    expect(disconnects).toBeGreaterThan(disconnectsBefore)
    const during = (await observed.statusHistory()).slice(before - 1)
    expect(during[0]).toBe('connected')
    expect(during.slice(1)).not.toContain('connected')
    expect(await page.getByTestId('last-error').textContent()).toMatch(/heartbeat: no pong/)
    await page.screenshot({ path: `${shots}/standalone-stalled.png`, fullPage: true })

    await stall.click()
    await waitForStallSwitch(false)
    await waitForTestId('status', 'connected')
    expect(observed.consoleErrors).toEqual([])
  })
})
