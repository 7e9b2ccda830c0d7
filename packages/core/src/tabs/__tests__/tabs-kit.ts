import { FakeClock, fakeFetch } from '../../__tests__/harness.js'
import {
  type Controllable,
  createControllableAppState,
  createControllableNetwork,
} from '../../ports/controllable.js'
import { createMemoryStorage } from '../../ports/storage.js'
import { AppSettingsBuilder } from '../../settings.js'
import type {
  AppStateSource,
  AppStateValue,
  Clock,
  ConnectionEngine,
  NetworkSource,
  SessionStorageLike,
} from '../../types.js'
import { createSharedConnectionEngine } from '../index.js'
import type { PageLifecycleEvent, PageLifecycleSource } from '../ports.js'
import { FakeInboxServer } from './fake-inbox-server.js'
import { createChannelHub, createLockHub } from './fake-tab-ports.js'

/** One browser tab of the app, in-process. */
export interface TestTab {
  readonly name: string
  readonly engine: ConnectionEngine
  readonly appState: AppStateSource & Controllable<AppStateValue>
  /** Message ids its message listener received, in order. */
  readonly received: string[]
  /** The status events its connection listener heard, in order. */
  readonly statuses: string[]
  /** Freeze / back-forward cache (`suspend`), back (`resume`), unload (`close`). */
  lifecycle(event: PageLifecycleEvent): void
  /** The tab's process dies: no word to anyone, every timer, socket and message of it stops. */
  crash(): void
  /** The user closes the tab: `pagehide`, then the page is gone. */
  close(): void
  readonly dead: boolean
}

export interface TabsKitOptions {
  mode?: 'auto' | 'manual'
  heartbeatMs?: number
  handoverDelayMs?: number
  configure?: (b: AppSettingsBuilder) => AppSettingsBuilder
}

export const APP = 'tabs-app'
const LOCK = `cometchat-connection:${APP}`

/** A small deterministic random source (an LCG), one sequence per seed. */
function seeded(seed: number): () => number {
  let x = seed * 7919 + 1
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x / 2 ** 31
  }
}

/** A clock of one tab: the shared fake time, with timers that stop when the tab dies. */
function tabClock(base: FakeClock): Clock & { kill(): void } {
  let dead = false
  return {
    now: base.now,
    setTimeout: (cb, ms) => (dead ? undefined : base.setTimeout(() => !dead && cb(), ms)),
    clearTimeout: base.clearTimeout,
    kill: () => {
      dead = true
    },
  }
}

/**
 * Several tabs of one app in one process: fake time, a fake lock manager and channel hub, a fake inbox
 * server, one shared storage (the origin's localStorage) and one network. Each tab runs
 * `createSharedConnectionEngine` with the real engine underneath.
 */
export function tabsKit(options: TabsKitOptions = {}) {
  const clock = new FakeClock()
  const storage = createMemoryStorage()
  // The device's network, seen by each live tab through its own source (a dead tab hears nothing).
  const networks = new Map<string, NetworkSource & Controllable<boolean>>()
  let online = true
  const network = {
    set(value: boolean) {
      online = value
      for (const tab of tabs) if (!tab.dead) networks.get(tab.name)?.set(value)
    },
  }
  const locks = createLockHub()
  const hub = createChannelHub()
  const server = new FakeInboxServer()
  const fetch = fakeFetch()
  let builder = new AppSettingsBuilder()
    .setServerUrl('http://127.0.0.1:4455')
    .autoEstablishSocketConnection(options.mode !== 'manual')
  if (options.configure) builder = options.configure(builder)
  const settings = builder.build()
  const tabs: TestTab[] = []
  let count = 0

  function open(visible = true): TestTab {
    const name = `tab${++count}`
    const appState = createControllableAppState(visible ? 'foreground' : 'background')
    const lifecycleListeners = new Set<(e: PageLifecycleEvent) => void>()
    const lifecycle: PageLifecycleSource = {
      subscribe(cb) {
        lifecycleListeners.add(cb)
        return () => lifecycleListeners.delete(cb)
      },
    }
    const ownClock = tabClock(clock)
    const ownNetwork = createControllableNetwork(online)
    networks.set(name, ownNetwork)
    const channel = hub.open()
    let dead = false
    // The origin's localStorage, as this tab sees it: a dead tab writes nothing more.
    const ownStorage: SessionStorageLike = {
      getItem: (k) => storage.getItem(k),
      setItem: (k, v) => void (dead || storage.setItem(k, v)),
      removeItem: (k) => void (dead || storage.removeItem(k)),
    }
    const engine = createSharedConnectionEngine({
      appId: APP,
      settings,
      platform: {
        WebSocket: server.socketFor(name, () => dead),
        appState,
        network: ownNetwork,
        storage: ownStorage,
        fetch,
        clock: ownClock,
        random: seeded(count), // deterministic; each engine draws its own message-id prefix from it
      },
      tabs: {
        locks: locks.client(name),
        channel,
        lifecycle,
        heartbeatMs: options.heartbeatMs ?? 1_000,
        handoverDelayMs: options.handoverDelayMs ?? 30_000,
      },
    })
    const received: string[] = []
    const statuses: string[] = []
    engine.addMessageListener('test', { onTextMessageReceived: (m) => received.push(m.id) })
    engine.addConnectionListener('test', {
      inConnecting: () => statuses.push('connecting'),
      onConnected: () => statuses.push('connected'),
      onDisconnected: () => statuses.push('disconnected'),
    })
    const tab: TestTab = {
      name,
      engine,
      appState,
      received,
      statuses,
      lifecycle: (e) => {
        for (const cb of [...lifecycleListeners]) cb(e)
      },
      crash() {
        dead = true
        ownClock.kill()
        hub.cut(channel)
        locks.crash(name)
        server.cut(name)
      },
      close() {
        tab.lifecycle('close')
        tab.crash()
      },
      get dead() {
        return dead
      },
    }
    tabs.push(tab)
    void engine.init().catch(() => {}) // as an app does at start; its outcome is not what tests look at
    return tab
  }

  /** Lets every message, lock grant and promise chain run (no time passes). */
  async function settle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      quiet = hub.busy() || locks.busy() ? 0 : quiet + 1
    }
  }

  /** Moves time forward in small steps, letting the tabs talk in between, as real time would. */
  async function advance(ms: number, step = 100): Promise<void> {
    for (let left = ms; left > 0; left -= step) {
      clock.advance(Math.min(step, left))
      await settle()
    }
  }

  const live = () => tabs.filter((t) => !t.dead)
  /** The tab holding the lock. */
  const leader = () => tabs.find((t) => t.name === locks.holder(LOCK)) ?? null

  return { clock, storage, network, locks, hub, server, settings, tabs, open, settle, advance, live, leader }
}

export type TabsKit = ReturnType<typeof tabsKit>
