import {
  AppSettingsBuilder,
  type ConnectionEngine,
  type ConnectionSnapshot,
  createConnectionEngine,
  createMemoryStorage,
  type WebSocketConstructorLike,
} from '@cometchat-connection/core'
import { afterEach, expect } from 'vitest'
import { WebSocket as WsWebSocket } from 'ws'
import {
  createControllableAppState,
  createControllableNetwork,
  createCountingWebSocket,
} from '../helpers/test-kit.js'

/** How long a wait may take before the test fails: a failure bound, never a synchronisation delay. */
export const FAIL_AFTER_MS = 5_000

/** Options of {@link createTestEngine}. */
export interface TestEngineOptions {
  /** `auto` (default) or `manual`. */
  mode?: 'auto' | 'manual'
  /** Ask for presence. */
  presence?: boolean
  /** Extra settings (short timeouts for fault tests). */
  configure?: (builder: AppSettingsBuilder) => AppSettingsBuilder
  /** Share storage with another engine (B2: restore after a restart). */
  storage?: ReturnType<typeof createMemoryStorage>
  /** App state at creation. */
  appState?: 'foreground' | 'background'
  /** Default `'demo-app'`. */
  appId?: string
}

const engines: ConnectionEngine[] = []
afterEach(() => {
  // destroy() closes the socket and every timer (I3), so servers can close and the run can exit.
  for (const engine of engines.splice(0)) engine.destroy()
})

function waitUntil<T>(
  what: string,
  subscribe: (check: () => void) => () => void,
  probe: () => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false
    let unsubscribe = () => {}
    const timer = setTimeout(() => {
      done = true
      unsubscribe()
      reject(new Error(`timed out after ${FAIL_AFTER_MS} ms waiting for ${what}`))
    }, FAIL_AFTER_MS)
    const check = () => {
      if (done) return
      const value = probe()
      if (value === undefined) return
      done = true
      clearTimeout(timer)
      unsubscribe()
      resolve(value)
    }
    unsubscribe = subscribe(check)
    check()
  })
}

/**
 * An engine wired for end-to-end tests against a real server: `ws` sockets wrapped by the counting
 * WebSocket, controllable app state and network, memory storage, and a log of listener events.
 */
export async function createTestEngine(serverUrl: string, options: TestEngineOptions = {}) {
  // Constructing a socket while another is open or opening breaks SPEC I1: count it, assert on it later.
  let i1Violations = 0
  let live = () => 0
  const storage = options.storage ?? createMemoryStorage()
  // Whether a session was saved when each socket was constructed (B1: saved first, then the socket).
  const savedBeforeSocket: boolean[] = []
  const Checked = class extends (WsWebSocket as WebSocketConstructorLike) {
    constructor(url: string, protocols?: string | string[]) {
      if (live() > 0) i1Violations++
      savedBeforeSocket.push(storage.size > 0)
      super(url, protocols)
    }
  }
  const counting = createCountingWebSocket(Checked)
  live = () => counting.liveCount()
  const appState = createControllableAppState(options.appState ?? 'foreground')
  const network = createControllableNetwork(true)
  let builder = new AppSettingsBuilder()
    .setServerUrl(serverUrl)
    .autoEstablishSocketConnection(options.mode !== 'manual')
    // Short, bounded retries keep fault tests fast; each test states any other timing it relies on.
    .setReconnectBackoff({ initialMs: 20, maxMs: 100 })
    .setConnectTimeout(2_000)
  if (options.presence) builder = builder.subscribePresenceForAllUsers()
  if (options.configure) builder = options.configure(builder)
  const engine = createConnectionEngine({
    appId: options.appId ?? 'demo-app',
    settings: builder.build(),
    platform: { WebSocket: counting.WebSocket, appState, network, storage },
  })
  engines.push(engine)

  const events: string[] = []
  const eventWatchers = new Set<() => void>()
  const record = (event: string) => {
    events.push(event)
    for (const watcher of [...eventWatchers]) watcher()
  }
  engine.addConnectionListener('test', {
    inConnecting: () => record('connecting'),
    onConnected: () => record('connected'),
    onDisconnected: () => record('disconnected'),
    onFeatureThrottled: () => record('throttled'),
    onConnectionError: (error) => record(`error:${error.code}`),
  })
  await engine.init()

  return {
    engine,
    counting,
    appState,
    network,
    storage,
    /** Listener events in order: connecting, connected, disconnected, throttled, error:CODE. */
    events,
    savedBeforeSocket,
    /** Sockets constructed while another was open or opening (SPEC I1: must stay 0). */
    i1Violations: () => i1Violations,
    /** Resolves once the snapshot satisfies `pred`. */
    until(pred: (snapshot: ConnectionSnapshot) => boolean, what: string): Promise<ConnectionSnapshot> {
      return waitUntil(
        what,
        (check) => engine.subscribe(check),
        () => {
          const snapshot = engine.getSnapshot()
          return pred(snapshot) ? snapshot : undefined
        },
      )
    },
    /** Resolves once the status is `status`. */
    status(status: ConnectionSnapshot['status']): Promise<ConnectionSnapshot> {
      return this.until((s) => s.status === status, `status ${status}`)
    },
    /** Resolves once `event` has been recorded at least `times` times (counting from the start). */
    event(event: string, times = 1): Promise<void> {
      return waitUntil(
        `${times} × ${event} (events so far: ${events.join(', ')})`,
        (check) => {
          eventWatchers.add(check)
          return () => eventWatchers.delete(check)
        },
        () => (events.filter((e) => e === event).length >= times ? true : undefined),
      ).then(() => undefined)
    },
    /** Events recorded after the first `from`. */
    eventsSince(from: number): string[] {
      return events.slice(from)
    },
    /** The auth token the engine saved (to revoke it on the server). */
    savedToken(): string | null {
      const raw = storage.getItem('cometchat-connection:demo-app:session')
      return typeof raw === 'string' ? (JSON.parse(raw) as { authToken: string }).authToken : null
    },
  }
}

/** The type of {@link createTestEngine}'s result. */
export type TestEngine = Awaited<ReturnType<typeof createTestEngine>>

/** A test engine logged in as alice and connected (in manual mode, after `connect()`). */
export async function connectedEngine(
  serverUrl: string,
  options: TestEngineOptions = {},
): Promise<TestEngine> {
  const t = await createTestEngine(serverUrl, options)
  await t.engine.login('alice', 'demo-auth-key')
  if (options.mode === 'manual') await t.engine.connect()
  await t.status('connected')
  return t
}

/** The code `promise` rejects with, or `'resolved'`: one value to compare, whichever way it settles. */
export function rejectionCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (e: { code: string }) => e.code,
  )
}

/** SPEC I1: the engine never constructed a socket while another was open or opening. */
export function expectI1(t: TestEngine): void {
  expect(t.i1Violations()).toBe(0)
}
