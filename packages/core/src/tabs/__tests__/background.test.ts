import { afterEach, describe, expect, it } from 'vitest'
import type { TestTab } from './tabs-kit.js'
import { type TabsKit, tabsKit } from './tabs-kit.js'

// The background rules for the app as a whole: "background" means every tab is hidden. Three tabs go
// through every combination of visible and hidden, reached from every other one (64 transitions).

let kit: TabsKit
afterEach(() => {
  for (const tab of kit?.live() ?? []) tab.engine.destroy()
})

const COMBOS = [0, 1, 2, 3, 4, 5, 6, 7] // bit i: tab i visible
const label = (c: number) => [0, 1, 2].map((i) => (c & (1 << i) ? 'V' : 'h')).join('')

async function show(tabs: TestTab[], combo: number) {
  for (const [i, tab] of tabs.entries()) tab.appState.set(combo & (1 << i) ? 'foreground' : 'background')
  await kit.settle()
}

async function threeTabs(mode: 'auto' | 'manual') {
  kit = tabsKit({ mode })
  const tabs = [kit.open(), kit.open(), kit.open()]
  await kit.settle()
  await tabs[1]!.engine.login('alice', 'demo-auth-key')
  if (mode === 'manual') await tabs[2]!.engine.connect()
  await kit.settle()
  expect(kit.server.live()).toHaveLength(1)
  return tabs
}

describe('auto mode: the socket closes when the last visible tab hides and reopens when any shows', () => {
  it('every transition between combinations of 3 visible/hidden tabs', async () => {
    const tabs = await threeTabs('auto')
    for (const from of COMBOS)
      for (const to of COMBOS) {
        await show(tabs, from)
        await show(tabs, to)
        const anyVisible = to !== 0
        const seen = {
          to: label(to),
          live: kit.server.live().length,
          statuses: tabs.map((t) => t.engine.getSnapshot().status),
        }
        expect(seen, `${label(from)} → ${label(to)}`).toEqual({
          to: label(to),
          live: anyVisible ? 1 : 0,
          statuses: tabs.map(() => (anyVisible ? 'connected' : 'disconnected')),
        })
        expect(kit.server.peak).toBe(1)
      }
  })

  it('a message sent while every tab was hidden arrives in every tab, once, when one shows', async () => {
    const tabs = await threeTabs('auto')
    await show(tabs, 0)
    const m = kit.server.deliver('alice', 'while hidden')
    await kit.settle()
    expect(tabs.map((t) => t.received)).toEqual([[], [], []])
    await show(tabs, 0b100)
    expect(tabs.map((t) => t.received)).toEqual([[m.id], [m.id], [m.id]])
  })
})

describe('manual mode: the grace period starts when the last tab hides', () => {
  it('every transition: a deadline only when all tabs are hidden, the socket kept meanwhile', async () => {
    const tabs = await threeTabs('manual')
    for (const from of COMBOS)
      for (const to of COMBOS) {
        await show(tabs, from)
        await show(tabs, to)
        const deadlines = tabs.map((t) => t.engine.getSnapshot().backgroundDeadline !== null)
        expect(
          { to: label(to), live: kit.server.live().length, deadlines },
          `${label(from)} → ${label(to)}`,
        ).toEqual({
          to: label(to),
          live: 1,
          deadlines: tabs.map(() => to === 0),
        })
      }
  })

  it('all hidden: closed after the background timeout; a ping() from any tab extends it', async () => {
    const tabs = await threeTabs('manual')
    await show(tabs, 0)
    await kit.advance(20_000)
    await tabs[0]!.engine.ping() // a follower's ping reaches the leader's socket
    await kit.advance(29_000)
    expect(kit.server.live()).toHaveLength(1)
    await kit.advance(1_100)
    expect(kit.server.live()).toHaveLength(0)
    expect(tabs.map((t) => t.engine.getSnapshot().status)).toEqual([
      'disconnected',
      'disconnected',
      'disconnected',
    ])
    await show(tabs, 0b001) // B6: it stays closed until connect()
    await kit.advance(1_000)
    expect(kit.server.live()).toHaveLength(0)
  })

  it('a tab showing before the deadline cancels it', async () => {
    const tabs = await threeTabs('manual')
    await show(tabs, 0)
    await kit.advance(25_000)
    await show(tabs, 0b010)
    await kit.advance(60_000)
    expect(kit.server.live()).toHaveLength(1)
    expect(tabs[0]!.engine.getSnapshot().backgroundDeadline).toBeNull()
  })
})

describe('a tab that vanished without a word', () => {
  it('stops counting as visible three heartbeats after its last one (auto mode then closes the socket)', async () => {
    kit = tabsKit({ mode: 'auto', heartbeatMs: 1_000 })
    const leader = kit.open()
    await kit.settle()
    const other = kit.open()
    await kit.settle()
    await leader.engine.login('alice', 'demo-auth-key')
    await kit.settle()
    leader.appState.set('background') // the leader is hidden; only `other` keeps the app in the foreground
    await kit.settle()
    expect(kit.leader()).toBe(leader)
    expect(kit.server.live()).toHaveLength(1)
    other.crash() // its last heartbeat was just now
    await kit.advance(2_900)
    expect(kit.server.live()).toHaveLength(1)
    await kit.advance(100)
    expect(kit.server.live()).toHaveLength(0)
    expect(leader.engine.getSnapshot()).toMatchObject({ status: 'disconnected', appState: 'background' })
  })

  it('a tab that says goodbye stops counting at once', async () => {
    kit = tabsKit({ mode: 'auto' })
    const leader = kit.open()
    await kit.settle()
    const other = kit.open()
    await kit.settle()
    await leader.engine.login('alice', 'demo-auth-key')
    leader.appState.set('background')
    await kit.settle()
    expect(kit.server.live()).toHaveLength(1)
    other.close()
    await kit.settle()
    expect(kit.server.live()).toHaveLength(0)
  })
})
