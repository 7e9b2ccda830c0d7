// One connection for all tabs, in real headless Chromium: several pages of one origin (the built
// example, served statically) against the real server. The server counts the sockets; playwright
// tells which page opened each one.
import { fileURLToPath } from 'node:url'
import { type ChromiumSession, launchChromium, setPageVisibility } from '@cometchat-connection/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useExampleServers } from './example-servers.js'
import { openTabPage, reconnectedAt, type TabPage, until } from './tab-pages.js'

const servers = useExampleServers(fileURLToPath(new URL('..', import.meta.url)))
const { url, aliceSockets } = servers

/** A fresh browser (its own localStorage, locks and channels) for each scenario. */
function freshBrowser() {
  const state: { browser?: ChromiumSession; tabs: TabPage[] } = { tabs: [] }
  beforeAll(async () => {
    state.browser = await launchChromium({ width: 800, height: 600 })
  })
  afterAll(async () => {
    for (const tab of state.tabs) expect(tab.errors).toEqual([])
    await state.browser?.close()
  })
  return state
}

const login = async (tab: TabPage) => {
  await tab.page.getByTestId('uid').fill('alice')
  await tab.page.getByTestId('login').click()
}

describe('before: each tab keeps its own socket (createConnectionEngine, ?tabs=off)', () => {
  const s = freshBrowser()

  it('five tabs of a logged-in user hold five sockets', async () => {
    const first = await openTabPage(s.browser!.context, url('&tabs=off'))
    s.tabs.push(first)
    await login(first)
    await first.waitForStatus('connected')
    for (let i = 0; i < 4; i++) s.tabs.push(await openTabPage(s.browser!.context, url('&tabs=off')))
    for (const tab of s.tabs) await tab.waitForStatus('connected')
    expect(aliceSockets()).toBe(5)
    expect(s.tabs.map((t) => t.holdsSocket())).toEqual([true, true, true, true, true])
    for (const tab of s.tabs) await tab.page.close()
    await until('the five sockets to close', () => aliceSockets() === 0)
  })
})

describe('after: five tabs share one socket (createSharedConnectionEngine)', () => {
  const s = freshBrowser()
  const live = () => s.tabs.filter((t) => !t.page.isClosed())

  it('a login in any tab connects every tab through one socket, opened by one page', async () => {
    for (let i = 0; i < 5; i++) s.tabs.push(await openTabPage(s.browser!.context, url()))
    await login(s.tabs[2]!)
    for (const tab of s.tabs) {
      await tab.waitForStatus('connected')
      expect(await tab.page.getByTestId('user').textContent()).toBe('logged in as alice')
    }
    expect(aliceSockets()).toBe(1)
    expect(s.tabs.filter((t) => t.holdsSocket())).toHaveLength(1)
    expect(s.tabs.flatMap((t) => t.sockets)).toHaveLength(1)
    const roles = await Promise.all(s.tabs.map((t) => t.page.getByTestId('role').textContent()))
    expect(roles.filter((r) => r === 'holds the connection')).toHaveLength(1)
  })

  it('a message reaches every tab once; a send from a follower goes out on the shared socket', async () => {
    const sent = await servers.bob.sendMessage('alice', 'one')
    for (const tab of s.tabs) {
      await tab.waitForMessages(1)
      expect(await tab.messageIds()).toEqual([sent.id])
    }
    const follower = s.tabs.find((t) => !t.holdsSocket())!
    await follower.page.getByTestId('text').fill('hello bob')
    await follower.page.getByTestId('send').click()
    await follower.page.waitForFunction(
      () => document.querySelector('[data-testid=outcome]')?.textContent === 'send: ok',
    )
    expect(follower.sockets).toHaveLength(0)
  })

  it('closing the leader page: a follower takes over, no message missed or doubled', async () => {
    const before = (await live()[0]!.messageIds()).length
    const leader = live().find((t) => t.holdsSocket())!
    const closedAt = Date.now()
    await leader.page.close()
    const during = await servers.bob.sendMessage('alice', 'sent while the leader was closing')
    await until('another page to hold the socket', () => live().some((t) => t.holdsSocket()))
    for (const tab of live()) await tab.waitForStatus('connected')
    const after = await servers.bob.sendMessage('alice', 'after the takeover')
    for (const tab of live()) {
      await tab.waitForMessages(before + 2)
      const ids = await tab.messageIds()
      expect(ids.slice(before)).toEqual([during.id, after.id])
      expect(new Set(ids).size).toBe(ids.length)
    }
    // The closed page's socket may still be closing on the server's side: wait for its count to settle.
    await until('one socket on the server', () => aliceSockets() === 1)
    const back = await reconnectedAt(live(), closedAt)
    console.log(`takeover after the leader page closed: ${back === null ? '?' : back - closedAt} ms`)
  })

  // Headless Chromium freezes no visible page (CDP's Page.setWebLifecycleState does nothing then), so the
  // page gets the events the browser sends a page it freezes or puts in the back-forward cache.
  for (const [what, leave, back] of [
    ['frozen', "document.dispatchEvent(new Event('freeze'))", "document.dispatchEvent(new Event('resume'))"],
    [
      'in the back-forward cache',
      "window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))",
      "window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))",
    ],
  ] as const)
    it(`a leader ${what} releases the lock: another page takes over; back, it follows`, async () => {
      const leader = live().find((t) => t.holdsSocket())!
      await leader.page.evaluate(leave)
      await until('another page to hold the socket', () =>
        live().some((t) => t !== leader && t.holdsSocket()),
      )
      expect(leader.holdsSocket()).toBe(false)
      await leader.page.evaluate(back)
      const m = await servers.bob.sendMessage('alice', `after being ${what}`)
      for (const tab of live())
        await tab.page.waitForFunction((id) => !!document.querySelector(`[data-id="${id}"]`), m.id)
      await leader.waitForStatus('connected')
      expect(leader.holdsSocket()).toBe(false)
      await until('one socket on the server', () => aliceSockets() === 1)
    })

  it('every page hidden: the socket closes (auto mode); a message sent meanwhile arrives once when one shows', async () => {
    const before = (await live()[0]!.messageIds()).length
    for (const tab of live()) await setPageVisibility(tab.page, 'hidden')
    await until('the socket to close', () => aliceSockets() === 0)
    for (const tab of live()) await tab.waitForStatus('disconnected')
    const whileHidden = await servers.bob.sendMessage('alice', 'while every tab was hidden')
    await setPageVisibility(live()[1]!.page, 'visible')
    for (const tab of live()) await tab.waitForStatus('connected')
    expect(aliceSockets()).toBe(1)
    for (const tab of live()) {
      await tab.waitForMessages(before + 1)
      expect((await tab.messageIds()).slice(before)).toEqual([whileHidden.id])
    }
  })

  it('logout in one tab logs every tab out and closes the socket', async () => {
    await live()[0]!.page.getByTestId('logout').click()
    for (const tab of live()) {
      await tab.page.waitForFunction(
        () => document.querySelector('[data-testid=user]')?.textContent === 'nobody logged in',
      )
      expect(await tab.status()).toBe('disconnected')
    }
    await until('the socket to close', () => aliceSockets() === 0)
  })
})
