// What sharing one connection saves, and how fast a tab takes over, measured in real headless Chromium
// against the real server: `pnpm --filter example-tabs bench`. It prints numbers; it is not a test run
// by the test command (it takes about a minute).
import { fileURLToPath } from 'node:url'
import { type ChromiumSession, launchChromium } from '@cometchat-connection/test-kit'
import { expect, it } from 'vitest'
import { useExampleServers } from '../e2e/example-servers.js'
import { openTabPage, reconnectedAt, type TabPage, until } from '../e2e/tab-pages.js'

const TABS = 5
const RUNS = Number(process.env.TAKEOVER_RUNS ?? 20)
const HEARTBEAT_MS = 1_000 // shortened so a few seconds show the rate; the default is one per 15 s of silence
const WINDOW_MS = 6_000

const servers = useExampleServers(fileURLToPath(new URL('..', import.meta.url)))
const { url, aliceSockets } = servers

/** Opens `TABS` pages logged in as alice, counts her sockets and the heartbeat pings they send in a window. */
async function sockets(query: string): Promise<{ sockets: number; pingsPerMinute: number }> {
  const browser = await launchChromium({ width: 800, height: 600 })
  try {
    const tabs: TabPage[] = [await openTabPage(browser.context, url(query))]
    await tabs[0]!.page.getByTestId('login').click()
    await tabs[0]!.waitForStatus('connected')
    while (tabs.length < TABS) tabs.push(await openTabPage(browser.context, url(query)))
    for (const tab of tabs) await tab.waitForStatus('connected')
    let pings = 0
    for (const tab of tabs)
      for (const ws of tab.sockets)
        ws.on('framesent', (f) => {
          if (String(f.payload).includes('"type":"ping"')) pings++
        })
    const counted = aliceSockets()
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS)) // a measuring window, not a wait for an event
    return { sockets: counted, pingsPerMinute: Math.round((pings * 60_000) / WINDOW_MS) }
  } finally {
    await browser.close()
    await until('her sockets to close', () => aliceSockets() === 0)
  }
}

it(`sockets and heartbeats per user with ${TABS} tabs, before and after`, async () => {
  const before = await sockets(`&tabs=off&heartbeat=${HEARTBEAT_MS}`)
  const after = await sockets(`&heartbeat=${HEARTBEAT_MS}`)
  const perDefault = (s: { pingsPerMinute: number }) => Math.round((s.pingsPerMinute * HEARTBEAT_MS) / 15_000)
  console.log(
    [
      `${TABS} tabs of one user, heartbeat every ${HEARTBEAT_MS} ms of silence (default 15 000 ms):`,
      `  before (a socket per tab):  ${before.sockets} sockets, ${before.pingsPerMinute} heartbeat pings/min (≈ ${perDefault(before)}/min at the default)`,
      `  after  (one shared socket): ${after.sockets} socket,  ${after.pingsPerMinute} heartbeat pings/min (≈ ${perDefault(after)}/min at the default)`,
    ].join('\n'),
  )
  expect([before.sockets, after.sockets]).toEqual([TABS, 1])
}, 120_000)

it(`takeover after the leader page closes, ${RUNS} runs`, async () => {
  const browser: ChromiumSession = await launchChromium({ width: 800, height: 600 })
  try {
    const tabs: TabPage[] = []
    for (let i = 0; i < 3; i++) tabs.push(await openTabPage(browser.context, url('')))
    await tabs[0]!.page.getByTestId('login').click()
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const live = tabs.filter((t) => !t.page.isClosed())
      for (const tab of live) await tab.waitForStatus('connected')
      await until('one socket', () => aliceSockets() === 1)
      const leader = live.find((t) => t.holdsSocket())!
      const closedAt = Date.now()
      await leader.page.close()
      const rest = live.filter((t) => t !== leader)
      await until('a follower to take over', async () => (await reconnectedAt(rest, closedAt)) !== null)
      times.push((await reconnectedAt(rest, closedAt))! - closedAt)
      tabs.push(await openTabPage(browser.context, url(''))) // keep three tabs
    }
    const sorted = [...times].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]!
    console.log(
      `takeover after the leader page closed (${RUNS} runs): median ${median} ms, worst ${sorted.at(-1)} ms, best ${sorted[0]} ms\n  all: ${times.join(', ')}`,
    )
    expect(times).toHaveLength(RUNS)
  } finally {
    await browser.close()
  }
}, 300_000)
