import { afterEach, describe, expect, it } from 'vitest'
import type { ResumeInfo } from '../../types.js'
import { type TabsKit, type TabsKitOptions, tabsKit } from './tabs-kit.js'

// Who holds the socket: the leader tab (the Web Lock's holder). When it closes, crashes, freezes or
// stays hidden while another tab is visible, a visible tab takes over and resumes the stream.

let kit: TabsKit
afterEach(() => {
  for (const tab of kit?.live() ?? []) tab.engine.destroy()
})

/** Opens `visible.length` tabs one after another (the first leads) and logs alice in. */
async function tabs(visible: boolean[], options: TabsKitOptions = {}) {
  kit = tabsKit(options)
  const opened = []
  for (const v of visible) {
    opened.push(kit.open(v))
    await kit.settle()
  }
  await opened[0]!.engine.login('alice', 'demo-auth-key')
  await kit.settle()
  expect(kit.leader()).toBe(opened[0])
  return opened
}

const statuses = () => kit.live().map((t) => t.engine.getSnapshot().status)

describe('leader death', () => {
  it('a crashed leader is replaced by a visible tab at once (no timer needed), which resumes: one socket at a time', async () => {
    const [a, b, c] = await tabs([true, true, true])
    const resumed: ResumeInfo[] = []
    c!.engine.addConnectionListener('resume', { onResumed: (info) => resumed.push(info) })
    const m1 = kit.server.deliver('alice', 'before')
    await kit.settle()
    a!.crash()
    const m2 = kit.server.deliver('alice', 'while nobody leads') // stored; the socket is gone
    await kit.settle() // no fake time passes: the lock's release is what starts the takeover
    expect(kit.leader()).toBe(b)
    expect(statuses()).toEqual(['connected', 'connected'])
    expect(kit.server.live()).toHaveLength(1)
    expect(kit.server.peak).toBe(1)
    expect(resumed).toEqual([{ replayed: 1 }])
    expect(b!.received).toEqual([m1.id, m2.id])
    expect(c!.received).toEqual([m1.id, m2.id])
    expect(c!.statuses).toEqual(['connecting', 'connected', 'connecting', 'connected'])
  })

  it('a leader killed before it saved its position: the replay is dropped where it was delivered, delivered where not', async () => {
    const [a, b, c] = await tabs([true, true, true])
    const m1 = kit.server.deliver('alice', 'delivered, broadcast, not saved')
    a!.crash() // same tick: the position write (a microtask later) never happens
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(b!.received).toEqual([m1.id])
    expect(c!.received).toEqual([m1.id])
    const d = kit.open() // a tab that joins now never saw m1 and does not get it (it came before it)
    const m2 = kit.server.deliver('alice', 'next')
    await kit.settle()
    expect([b!.received, c!.received, d.received]).toEqual([[m1.id, m2.id], [m1.id, m2.id], [m2.id]])
  })

  it('closing the leader page hands over the same way', async () => {
    const [a, b] = await tabs([true, true])
    a!.close()
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(b!.engine.getSnapshot().status).toBe('connected')
    expect(kit.server.peak).toBe(1)
  })

  it('only visible tabs wait for the lock: a hidden tab that asked first is passed over', async () => {
    const [a, hidden, visible] = await tabs([true, false, true])
    a!.crash()
    await kit.settle()
    expect(kit.leader()).toBe(visible)
    expect(hidden!.engine.getSnapshot().status).toBe('connected')
  })

  it('with every tab hidden a hidden tab takes over (auto: no socket until one shows)', async () => {
    const [a, b] = await tabs([true, false])
    a!.appState.set('background')
    await kit.settle()
    a!.crash()
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(kit.server.live()).toHaveLength(0)
    b!.appState.set('foreground')
    await kit.settle()
    expect(kit.server.live()).toHaveLength(1)
  })

  it('a follower’s call in flight when the leader dies is sent again to the next one; a send is not (it may be stored)', async () => {
    const [a, b] = await tabs([true, true])
    kit.server.holdAcks = true
    const send = b!.engine.sendMessage('bob', 'may or may not be stored').catch((e: unknown) => e)
    await kit.settle()
    expect(kit.server.inbox.get('bob')).toHaveLength(1)
    a!.crash()
    await kit.settle()
    expect(await send).toMatchObject({ code: 'ERR_SEND_TIMEOUT', details: { sent: 'unknown' } })
    expect(kit.server.inbox.get('bob')).toHaveLength(1) // not stored twice
    kit.server.holdAcks = false
    await expect(b!.engine.sendMessage('bob', 'after')).resolves.toMatchObject({ text: 'after' })
  })
})

describe('carrying over what the app asked for', () => {
  it('auto mode after disconnect(): the next leader opens no socket', async () => {
    const [a, b] = await tabs([true, true])
    await b!.engine.disconnect()
    await kit.settle()
    const sockets = kit.server.sockets.length
    a!.crash()
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(kit.server.sockets).toHaveLength(sockets)
    expect(b!.engine.getSnapshot()).toMatchObject({
      status: 'disconnected',
      intent: 'idle',
      user: { uid: 'alice' },
    })
    await b!.engine.connect()
    expect(kit.server.live()).toHaveLength(1)
  })

  it('manual mode after connect(): the next leader connects; without connect() it does not', async () => {
    const [a, b, c] = await tabs([true, true, true], { mode: 'manual' })
    a!.crash()
    await kit.settle()
    expect(kit.server.sockets).toHaveLength(0) // manual mode: nobody called connect()
    await c!.engine.connect()
    await kit.settle()
    b!.crash() // b led after a
    await kit.settle()
    expect(kit.leader()).toBe(c)
    expect(kit.server.live()).toHaveLength(1)
    expect(c!.engine.getSnapshot()).toMatchObject({ status: 'connected', intent: 'connect' })
  })

  it('manual mode, the leader dies offline: the next one connects when the network returns', async () => {
    const [a, b] = await tabs([true, true], { mode: 'manual' })
    await b!.engine.connect()
    await kit.settle()
    kit.network.set(false)
    await kit.settle()
    a!.crash()
    await kit.settle()
    expect(kit.server.live()).toHaveLength(0)
    kit.network.set(true)
    await kit.settle()
    expect(kit.server.live()).toHaveLength(1)
    expect(b!.engine.getSnapshot().status).toBe('connected')
  })
})

describe('a hidden leader hands over to a visible tab', () => {
  it('after handoverDelayMs hidden (not before), break before make: never two sockets', async () => {
    const [a, b] = await tabs([true, true], { handoverDelayMs: 10_000 })
    a!.appState.set('background')
    await kit.settle()
    await kit.advance(9_900)
    expect(kit.leader()).toBe(a)
    await kit.advance(100)
    expect(kit.leader()).toBe(b)
    expect(statuses()).toEqual(['connected', 'connected'])
    expect(kit.server.sockets).toHaveLength(2)
    expect(kit.server.peak).toBe(1)
  })

  it('does not hand over when it shows again, or when no other tab is visible', async () => {
    const [a, b] = await tabs([true, true], { handoverDelayMs: 10_000 })
    a!.appState.set('background')
    await kit.advance(5_000)
    a!.appState.set('foreground')
    await kit.advance(20_000)
    expect(kit.leader()).toBe(a)
    b!.appState.set('background')
    a!.appState.set('background')
    await kit.advance(60_000)
    expect(kit.leader()).toBe(a)
  })

  it('waits for a send in flight rather than cutting it', async () => {
    const [a, b] = await tabs([true, true], { handoverDelayMs: 10_000 })
    kit.network.set(false) // the send waits in the leader's outbox
    const send = b!.engine.sendMessage('bob', 'queued')
    a!.appState.set('background')
    await kit.advance(12_000)
    expect(kit.leader()).toBe(a)
    kit.network.set(true)
    await expect(send).resolves.toMatchObject({ text: 'queued' })
    await kit.advance(1_000)
    expect(kit.leader()).toBe(b)
  })
})

describe('frozen or in the back-forward cache', () => {
  it('a leader that is suspended releases the lock at once; resumed, it follows', async () => {
    const [a, b] = await tabs([true, true])
    a!.lifecycle('suspend')
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(kit.server.live().map((s) => s.tab)).toEqual([b!.name])
    a!.lifecycle('resume')
    const m = kit.server.deliver('alice', 'after resume')
    await kit.settle()
    expect(kit.leader()).toBe(b)
    expect(a!.engine.getSnapshot().status).toBe('connected')
    expect(a!.received).toEqual([m.id])
  })

  it('a suspended follower does not take over', async () => {
    const [a, b, c] = await tabs([true, true, true])
    b!.lifecycle('suspend')
    await kit.settle()
    a!.crash()
    await kit.settle()
    expect(kit.leader()).toBe(c)
  })
})
