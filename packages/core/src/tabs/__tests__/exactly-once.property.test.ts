import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type TabsKit, type TestTab, tabsKit } from './tabs-kit.js'

/**
 * Random schedules over several tabs: messages arrive while tabs open, close, crash (also in the same
 * tick as a delivery, before the leader saved its position), hide, show, freeze and resume, the network
 * drops, a tab sends, time passes. After every step at most one socket exists; at the end (one tab
 * visible, time to settle) every live tab has delivered each message once, in the server's order, with
 * no gap from the first it saw to the last one sent. FC_NUM_RUNS sets the number of schedules.
 */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 60)

type Cmd =
  | { t: 'deliver' | 'deliverThenCrashLeader' | 'time'; n: number }
  | { t: 'open'; visible: boolean }
  | { t: 'crash' | 'close' | 'hide' | 'show' | 'suspend' | 'resume' | 'send'; i: number }
  | { t: 'offline' | 'online' }

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => ({ t: 'deliver' as const, n })), weight: 6 },
  { arbitrary: fc.constant({ t: 'deliverThenCrashLeader' as const, n: 1 }), weight: 1 },
  { arbitrary: fc.boolean().map((visible) => ({ t: 'open' as const, visible })), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constantFrom('crash', 'close', 'hide', 'show', 'suspend', 'resume', 'send'),
      i: fc.nat(9),
    }),
    weight: 8,
  },
  { arbitrary: fc.constantFrom({ t: 'offline' as const }, { t: 'online' as const }), weight: 1 },
  {
    arbitrary: fc.constantFrom(100, 1_000, 3_500, 12_000, 35_000).map((n) => ({ t: 'time' as const, n })),
    weight: 3,
  },
)

async function run(kit: TabsKit, cmds: Cmd[], mode: 'auto' | 'manual'): Promise<void> {
  const suspended = new Set<TestTab>()
  const pick = (i: number) => kit.live()[i % kit.live().length]!
  const first = kit.open()
  kit.open()
  await kit.settle()
  await first.engine.login('alice', 'demo-auth-key')
  if (mode === 'manual') await first.engine.connect()
  await kit.settle()

  for (const c of cmds) {
    switch (c.t) {
      case 'deliver':
        for (let k = 0; k < c.n; k++) kit.server.deliver('alice', 'm')
        break
      case 'deliverThenCrashLeader':
        kit.server.deliver('alice', 'm')
        kit.leader()?.crash()
        break
      case 'open':
        if (kit.live().length < 6) kit.open(c.visible)
        break
      case 'crash':
      case 'close':
        pick(c.i)[c.t]()
        break
      case 'hide':
      case 'show':
        pick(c.i).appState.set(c.t === 'show' ? 'foreground' : 'background')
        break
      case 'suspend': {
        const tab = pick(c.i)
        if (!suspended.has(tab)) suspended.add(tab) && tab.lifecycle('suspend')
        break
      }
      case 'resume': {
        const tab = pick(c.i)
        if (suspended.delete(tab)) tab.lifecycle('resume')
        break
      }
      case 'send':
        pick(c.i)
          .engine.sendMessage('alice', 'to myself')
          .catch(() => {})
        break
      case 'offline':
      case 'online':
        kit.network.set(c.t === 'online')
        break
      case 'time':
        await kit.advance(c.n, 250)
    }
    if (kit.live().length === 0) kit.open()
    await kit.settle()
    expect(kit.server.live().length).toBeLessThanOrEqual(1)
  }

  // Back to a steady state: online, nothing frozen, one tab visible; the connection (re)opens.
  kit.network.set(true)
  for (const tab of suspended) if (!tab.dead) tab.lifecycle('resume')
  kit.live()[0]!.appState.set('foreground')
  await kit.advance(5_000, 250)
  if (mode === 'manual')
    await kit
      .live()[0]!
      .engine.connect()
      .catch(() => {})
  await kit.advance(1_000, 250)

  expect(kit.server.peak).toBe(1)
  expect(kit.server.live()).toHaveLength(1)
  const total = kit.server.inbox.get('alice')?.length ?? 0
  for (const tab of kit.live()) {
    expect(tab.engine.getSnapshot()).toMatchObject({ status: 'connected', user: { uid: 'alice' } })
    const offsets = tab.received.map((id) => kit.server.offsetOf('alice', id))
    if (offsets.length === 0) continue // opened after the last message
    const from = offsets[0]!
    // Each message once, in order, none missing from the first this tab saw to the last one sent.
    expect(offsets).toEqual(Array.from({ length: total - from + 1 }, (_, k) => from + k))
  }
  // The two tabs open from the start that are still alive saw everything.
  for (const tab of kit.tabs.slice(0, 2)) if (!tab.dead) expect(tab.received).toHaveLength(total)
}

describe('messages exactly once per tab across leader handoffs (property)', () => {
  for (const [mode, seed] of [
    ['auto', 4242],
    ['manual', 1717],
  ] as const)
    it(`${mode} mode: ${NUM_RUNS} random schedules`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(cmd, { minLength: 10, maxLength: 40 }), async (cmds) => {
          const kit = tabsKit({ mode, handoverDelayMs: 5_000 })
          try {
            await run(kit, cmds, mode)
          } finally {
            for (const tab of kit.live()) tab.engine.destroy()
          }
        }),
        { numRuns: NUM_RUNS, seed: Number(process.env.FC_SEED ?? seed) },
      )
    }, 120_000)
})
