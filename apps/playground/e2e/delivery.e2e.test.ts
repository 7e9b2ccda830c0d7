// Nothing is lost, in the standalone playground (dist/app) in real headless Chromium with its in-page
// server: messages sent while alice is in the background arrive once on return, marked recovered; an
// inbox window smaller than the gap shows a lost continuity, and Catch up fetches what the server keeps;
// a send made while offline waits, then is stored and delivered once. Each test loads a fresh page: its
// own in-page server, engines and memory storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlayground, type PlaygroundPage, shots } from './playground-page.js'

let p: PlaygroundPage

beforeAll(async () => {
  p = await openPlayground()
})

afterAll(async () => {
  await p?.close()
})

/** A fresh page with alice logged in and connected, and bob online; returns the console errors seen before. */
async function aliceAndBobConnected(): Promise<number> {
  const errorsBefore = p.observed.consoleErrors.length
  await p.page.goto(`${p.url}/`)
  await p.waitForTestId('transport', 'in-page server')
  await p.waitForTestId('peer-status', 'connected')
  await p.button('Login').click()
  await p.waitForTestId('status', 'connected')
  return errorsBefore
}

/** bob sends his next message; waits until the server acknowledged it (his `sent` count). */
async function bobSends(total: number): Promise<void> {
  await p.button('Peer sends message').click()
  await p.waitForTestId('peer-sent', `sent ${total}`)
}

const status = (name: string) => p.page.getByRole('status', { name, exact: true })

describe('nothing is lost (in-page server)', () => {
  it('background and return: the messages sent meanwhile arrive once, marked recovered', async () => {
    const errorsBefore = await aliceAndBobConnected()
    await bobSends(1)
    await p.waitForChatLines('inbox', 1)

    await p.button('Background').click()
    await p.waitForTestId('status', 'disconnected')
    await bobSends(2)
    await bobSends(3)
    expect(await p.chatLines('inbox')).toHaveLength(1) // stored by the server, not delivered yet

    await p.button('Foreground').click()
    await p.waitForTestId('recovery', 'resumed, 2 replayed')
    await p.waitForChatLines('inbox', 3)
    expect(await status('Last resume').textContent()).toBe('resumed, 2 replayed')
    expect(await p.chatLines('inbox')).toEqual([
      { text: 'Hi alice (#1)', mark: 'live', tag: '' },
      { text: 'Hi alice (#2)', mark: 'replayed', tag: 'recovered' },
      { text: 'Hi alice (#3)', mark: 'replayed', tag: 'recovered' },
    ])
    // A live message after the replay: a copy delivered twice would have arrived before it.
    await bobSends(4)
    await p.waitForChatLines('inbox', 4)
    const texts = (await p.chatLines('inbox')).map((l) => l.text)
    expect(texts).toEqual(['Hi alice (#1)', 'Hi alice (#2)', 'Hi alice (#3)', 'Hi alice (#4)'])
    expect((await p.chatLines('inbox')).at(-1)?.mark).toBe('live')
    expect(await status('Continuity').getAttribute('data-reason')).toBe('')
    // The recovered mark is visible (a coloured tag), not only an attribute.
    expect(await p.page.locator('[data-testid=inbox] .ccp-tag-recovered').first().isVisible()).toBe(true)
    await p.page.screenshot({ path: `${shots}/delivery-recovered.png`, fullPage: true })
    expect(p.observed.consoleErrors.slice(errorsBefore)).toEqual([])
  })

  it('a gap wider than the inbox window: continuity lost (window), and Catch up fetches what is kept', async () => {
    const errorsBefore = p.observed.consoleErrors.length
    await p.page.goto(`${p.url}/`)
    await p.waitForTestId('peer-status', 'connected')
    await p.page.getByLabel('Inbox window (messages)', { exact: true }).fill('2')
    await p.button('Restart server').click()
    await p.waitForTestId('inbox-window', 'in force: 2')
    await p.waitForTestId('peer-status', 'connected') // bob logs in again on the new server
    await p.button('Login').click()
    await p.waitForTestId('status', 'connected')
    await bobSends(1)
    await p.waitForChatLines('inbox', 1)

    await p.button('Background').click()
    await p.waitForTestId('status', 'disconnected')
    for (const total of [2, 3, 4, 5]) await bobSends(total) // four missed, the server keeps two
    await p.button('Foreground').click()
    await p.page.waitForFunction(
      () => document.querySelector('[data-testid=continuity]')?.getAttribute('data-reason') === 'window',
      undefined,
      { timeout: 10_000 },
    )
    await p.waitForTestId('status', 'connected')
    expect(await status('Continuity').textContent()).toMatch(
      /^Continuity lost \(window\): more was missed than the server keeps, so nothing missed was replayed/,
    )
    expect(await status('Last resume').textContent()).toBe('continuity lost (window)')
    expect(await p.chatLines('inbox')).toHaveLength(1) // no partial replay

    await p.button('Catch up').click()
    await p.page.waitForFunction(
      () => document.querySelector('[data-testid=catch-up]')?.getAttribute('data-state') === 'done',
      undefined,
      { timeout: 10_000 },
    )
    expect(await status('Catch-up result').textContent()).toBe(
      'the server still keeps 2 messages after the last delivered one; 2 added to your messages (marked fetched). ' +
        'Older ones are gone: the gap was wider than the inbox window.',
    )
    expect(await p.chatLines('inbox')).toEqual([
      { text: 'Hi alice (#1)', mark: 'live', tag: '' },
      { text: 'Hi alice (#4)', mark: 'fetched', tag: 'fetched' },
      { text: 'Hi alice (#5)', mark: 'fetched', tag: 'fetched' },
    ])
    await p.page.screenshot({ path: `${shots}/delivery-caught-up.png`, fullPage: true })
    expect(p.observed.consoleErrors.slice(errorsBefore)).toEqual([])
  })

  it('a send made while offline waits (pending sends), then is stored and reaches bob once', async () => {
    const errorsBefore = await aliceAndBobConnected()
    await p.button('Offline').click()
    await p.waitForTestId('status', 'disconnected')
    await p.button('Send message').click()
    await p.waitForChatLines('sent-list', 1)
    expect(await p.chatLines('sent-list')).toEqual([{ text: 'Hi bob (#1)', mark: 'waiting', tag: 'waiting' }])
    await p.waitForTestId('pending-sends', '1 waiting')
    expect(await status('Pending sends').textContent()).toBe('1 waiting')
    await p.page.screenshot({ path: `${shots}/delivery-waiting.png`, fullPage: true })
    expect(await p.chatLines('peer-inbox')).toHaveLength(0)

    await p.button('Online').click()
    await p.waitForTestId('sent', 'sent 1')
    await p.waitForTestId('pending-sends', 'none')
    expect(await p.chatLines('sent-list')).toEqual([{ text: 'Hi bob (#1)', mark: 'stored', tag: 'stored' }])
    await p.waitForChatLines('peer-inbox', 1)
    // A second send after it: a duplicate of the first would have reached bob before this one.
    await p.button('Send message').click()
    await p.waitForChatLines('peer-inbox', 2)
    expect((await p.chatLines('peer-inbox')).map((l) => l.text)).toEqual(['Hi bob (#1)', 'Hi bob (#2)'])
    expect(p.observed.consoleErrors.slice(errorsBefore)).toEqual([])
  })
})
