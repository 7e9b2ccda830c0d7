import { afterEach, describe, expect, it } from 'vitest'
import { FakeClock, FakeSocket, fakeFetch } from '../../__tests__/harness.js'
import { CometChatException } from '../../errors.js'
import { createMemoryStorage } from '../../ports/storage.js'
import { AppSettingsBuilder } from '../../settings.js'
import { createSharedConnectionEngine, type LockManagerLike, NO_LEADER_TAB, tabRole } from '../index.js'
import { createChannelHub, createLockHub } from './fake-tab-ports.js'
import { APP, type TabsKit, tabsKit } from './tabs-kit.js'

// One connection for all tabs: N tabs of one app in one process (fake time, fake lock manager and
// channel, a fake inbox server), each with createSharedConnectionEngine and the real engine underneath.

let kit: TabsKit
afterEach(() => {
  for (const tab of kit?.live() ?? []) tab.engine.destroy()
})

async function loggedIn(n: number, options: Parameters<typeof tabsKit>[0] = {}) {
  kit = tabsKit(options)
  const tabs = Array.from({ length: n }, () => kit.open())
  await kit.settle()
  await tabs[n - 1]!.engine.login('alice', 'demo-auth-key')
  await kit.settle()
  return tabs
}

describe('one connection for all tabs', () => {
  it('five tabs, one socket: every tab shows the same connected user', async () => {
    const tabs = await loggedIn(5)
    expect(kit.server.sockets).toHaveLength(1)
    expect(kit.server.live()).toHaveLength(1)
    expect(tabs.map((t) => tabRole(t.engine))).toEqual([
      'leader',
      'follower',
      'follower',
      'follower',
      'follower',
    ])
    for (const tab of tabs) {
      const snap = tab.engine.getSnapshot()
      expect(snap.status).toBe('connected')
      expect(snap.user).toEqual({ uid: 'alice', name: 'alice' })
      expect(tab.engine.getConnectionStatus()).toBe('connected')
      expect(tab.statuses).toEqual(['connecting', 'connected'])
      expect(tab.engine.getUserAuthToken()).toBe('tok-alice')
    }
  })

  it('each tab delivers each message once, and knows the last delivered id', async () => {
    const tabs = await loggedIn(3)
    const m1 = kit.server.deliver('alice', 'one')
    const m2 = kit.server.deliver('alice', 'two')
    await kit.settle()
    for (const tab of tabs) {
      expect(tab.received).toEqual([m1.id, m2.id])
      expect(tab.engine.getLastDeliveredMessageId()).toBe(m2.id)
    }
  })

  it('a follower’s actions run on the shared connection and settle in that tab, with callbacks too', async () => {
    const [leader, follower] = await loggedIn(2)
    expect(kit.leader()).toBe(leader)
    const sent = await follower!.engine.sendMessage('bob', 'from a follower')
    expect(sent).toMatchObject({ receiver: 'bob', text: 'from a follower' })
    expect(kit.server.inbox.get('bob')?.map((m) => m.text)).toEqual(['from a follower'])

    // An error crosses tabs as a CometChatException with its code, by promise and by callback.
    let viaCallback: CometChatException | undefined
    const ping = follower!.engine.ping({ onError: (e) => (viaCallback = e) })
    await expect(ping).rejects.toBeInstanceOf(CometChatException)
    await expect(ping).rejects.toMatchObject({ code: 'ERROR_PING_NOT_AVAILABLE' })
    expect(viaCallback?.code).toBe('ERROR_PING_NOT_AVAILABLE')
    await kit.settle()
    const lastError = follower!.engine.getSnapshot().lastError
    expect(lastError).toBeInstanceOf(CometChatException)
    expect(lastError?.code).toBe('ERROR_PING_NOT_AVAILABLE')

    await expect(follower!.engine.connect()).rejects.toMatchObject({
      code: 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE',
    })
    await expect(follower!.engine.getLoggedInUser()).resolves.toEqual({ uid: 'alice', name: 'alice' })
    await follower!.engine.disconnect()
    await kit.settle()
    expect(kit.server.live()).toHaveLength(0)
    expect(leader!.engine.getSnapshot()).toMatchObject({ status: 'disconnected', intent: 'idle' })
    await follower!.engine.connect()
    await kit.settle()
    expect(kit.server.live()).toHaveLength(1)
    expect(kit.server.sockets).toHaveLength(2) // the one closed by disconnect(), then this one
  })

  it('a follower’s snapshot keeps its identity until something changes', async () => {
    const [, follower] = await loggedIn(2)
    const before = follower!.engine.getSnapshot()
    let notified = 0
    follower!.engine.subscribe(() => notified++)
    kit.server.deliver('alice', 'a message changes no snapshot field')
    kit.hub.open().postMessage({ t: 'sync', from: 'a-new-tab' }) // the leader re-sends the same snapshot
    await kit.settle()
    expect(follower!.engine.getSnapshot()).toBe(before)
    expect(notified).toBe(0)
    await follower!.engine.disconnect()
    await kit.settle()
    expect(follower!.engine.getSnapshot()).not.toBe(before)
    expect(follower!.engine.getSnapshot().user).toBe(before.user) // an unchanged user stays the same object
    expect(notified).toBeGreaterThan(0)
  })

  it('logout in one tab logs every tab out; a new login replaces the user everywhere, never two sockets', async () => {
    const [a, b, c] = await loggedIn(3)
    await b!.engine.logout()
    await kit.settle()
    for (const tab of [a, b, c])
      expect(tab!.engine.getSnapshot()).toMatchObject({ status: 'disconnected', user: null })
    expect(kit.server.live()).toHaveLength(0)
    await c!.engine.login('carol', 'demo-auth-key')
    await kit.settle()
    for (const tab of [a, b, c]) expect(tab!.engine.getSnapshot().user?.uid).toBe('carol')
    expect(kit.server.live().map((s) => s.uid)).toEqual(['carol'])
    expect(kit.server.peak).toBe(1)
  })

  it('a tab opened later restores the shared session from the leader and adds no socket', async () => {
    await loggedIn(2)
    const late = kit.open()
    await kit.settle()
    expect(late.engine.getSnapshot()).toMatchObject({ status: 'connected', user: { uid: 'alice' } })
    await expect(late.engine.init()).resolves.toBe(true)
    expect(kit.server.sockets).toHaveLength(1)
  })

  it('destroy() of a follower rejects its calls, removes its listeners and leaves the connection to the others', async () => {
    const [a, b] = await loggedIn(2)
    b!.engine.destroy()
    await expect(b!.engine.connect()).rejects.toMatchObject({ code: 'ERR_ENGINE_DESTROYED' })
    expect(() => b!.engine.addMessageListener('x', {})).toThrow(CometChatException)
    kit.server.deliver('alice', 'after destroy')
    await kit.settle()
    expect(b!.received).toEqual([])
    expect(a!.received).toHaveLength(1)
    expect(a!.engine.getSnapshot().status).toBe('connected')
  })
  it('destroy() of every tab leaves no timer, subscription, lock or socket behind (I3)', async () => {
    const tabs = await loggedIn(3)
    await tabs[1]!.engine.sendMessage('bob', 'settled before the end')
    for (const tab of tabs) tab.engine.destroy()
    await kit.settle()
    expect(kit.clock.pending).toBe(0)
    expect(tabs.map((t) => t.appState.subscriberCount())).toEqual([0, 0, 0])
    expect(kit.leader()).toBeNull()
    expect(kit.server.live()).toHaveLength(0)
    expect(kit.hub.busy()).toBe(false)
  })
})

describe('deadlines and bad input', () => {
  it('a call no leader takes rejects ERR_NO_LEADER_TAB after its deadline instead of hanging', async () => {
    const clock = new FakeClock()
    const locks = createLockHub()
    // Another tab holds the lock and never answers (hung): the call must still settle.
    let releaseHung = () => {}
    void locks
      .client('hung')
      .request(`cometchat-connection:${APP}`, {}, () => new Promise<void>((r) => (releaseHung = r)))
    const engine = createSharedConnectionEngine({
      appId: APP,
      tabs: { locks: locks.client('me'), channel: createChannelHub().open(), heartbeatMs: 1_000 },
      platform: { clock, WebSocket: FakeSocket },
    })
    const outcome = engine.connect().catch((e: unknown) => e)
    await new Promise((r) => setImmediate(r))
    clock.advance(4_999)
    expect(await Promise.race([outcome, 'pending'])).toBe('pending')
    clock.advance(1)
    const error = await outcome
    expect(error).toBeInstanceOf(CometChatException)
    expect((error as CometChatException).code).toBe(NO_LEADER_TAB)
    engine.destroy()
    releaseHung()
  })

  it('arguments that cannot cross tabs reject ERR_INVALID_ARGUMENT at once', async () => {
    const [, follower] = await loggedIn(2)
    const bad = follower!.engine.sendMessage('bob', (() => 'a function') as unknown as string)
    await expect(bad).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
  })

  it('garbage and unknown calls on the channel are ignored or refused, never a crash', async () => {
    const [leader] = await loggedIn(2)
    const stranger = kit.hub.open()
    const answers: unknown[] = []
    stranger.onmessage = (e) => answers.push(e.data)
    for (const junk of [null, 42, 'text', { t: 'call' }, { t: 'snap', from: 'x', term: 'no' }, { from: 1 }])
      stranger.postMessage(junk)
    stranger.postMessage({ t: 'call', from: 'stranger', id: 's1', action: 'destroy', args: [] })
    await kit.settle()
    expect(answers).toContainEqual(
      expect.objectContaining({
        t: 'res',
        to: 'stranger',
        id: 's1',
        error: expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      }),
    )
    expect(leader!.engine.getSnapshot().status).toBe('connected')
  })

  it('bad tabs options throw ERR_INVALID_ARGUMENT', () => {
    const base = {
      appId: APP,
      tabs: { locks: createLockHub().client('a'), channel: createChannelHub().open() },
    }
    for (const tabs of [
      { heartbeatMs: 0 },
      { heartbeatMs: Number.NaN },
      { handoverDelayMs: -1 },
      { locks: {} },
      { channel: { postMessage: 'no' } },
      { lifecycle: null },
    ] as object[])
      expect(() => createSharedConnectionEngine({ ...base, tabs: { ...base.tabs, ...tabs } })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      )
    expect(() => createSharedConnectionEngine({ appId: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    )
  })
  it('where the lock can never be had (an opaque origin), a tab keeps its own connection instead of waiting forever', async () => {
    FakeSocket.instances = []
    const denied: LockManagerLike = {
      request: () => Promise.reject(new DOMException('Access to the Locks API is denied.', 'SecurityError')),
    }
    const engine = createSharedConnectionEngine({
      appId: APP,
      settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:4455').build(),
      platform: { WebSocket: FakeSocket, fetch: fakeFetch(), storage: createMemoryStorage() },
      tabs: { locks: denied, channel: createChannelHub().open() },
    })
    const user = await engine.login('alice', 'demo-auth-key')
    expect(user.uid).toBe('alice')
    expect(tabRole(engine)).toBe('leader')
    expect(FakeSocket.instances).toHaveLength(1)
    engine.destroy()
  })
})

describe('fallback', () => {
  it('without Web Locks (Node 20) it is a plain engine: each keeps its own socket, as today', async () => {
    expect(globalThis.navigator?.locks).toBeUndefined()
    FakeSocket.instances = []
    const settings = new AppSettingsBuilder().setServerUrl('http://127.0.0.1:4455').build()
    const storage = createMemoryStorage() // one origin: the second engine restores the first one's session
    const make = () =>
      createSharedConnectionEngine({
        appId: APP,
        settings,
        platform: { WebSocket: FakeSocket, fetch: fakeFetch(), storage },
        tabs: { channel: createChannelHub().open() }, // a channel alone is not enough
      })
    const a = make()
    const b = make()
    await a.login('alice', 'demo-auth-key')
    await b.init()
    expect(FakeSocket.instances).toHaveLength(2)
    expect([tabRole(a), tabRole(b)]).toEqual(['own', 'own'])
    a.destroy()
    b.destroy()
  })
})
