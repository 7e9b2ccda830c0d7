import { createConnectionEngine } from '../engine.js'
import { createControllableAppState, createControllableNetwork } from '../ports/controllable.js'
import { createMemoryStorage } from '../ports/storage.js'
import type { ClientFrame, ServerFrame } from '../protocol.js'
import { AppSettingsBuilder } from '../settings.js'
import type {
  AppStateValue,
  Clock,
  ConnectionEngine,
  ConnectionStatus,
  SessionStorageLike,
  WebSocketLike,
} from '../types.js'

/** A clock whose time only moves when the test says so. Timers fire in time order. */
export class FakeClock implements Clock {
  private t = 1_700_000_000_000
  private nextId = 1
  private timers = new Map<number, { at: number; cb: () => void }>()

  now = (): number => this.t
  setTimeout = (cb: () => void, ms: number): unknown => {
    const id = this.nextId++
    this.timers.set(id, { at: this.t + Math.max(0, ms), cb })
    return id
  }
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number)
  }
  get pending(): number {
    return this.timers.size
  }
  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.t + ms
    for (;;) {
      let next: [number, { at: number; cb: () => void }] | undefined
      for (const entry of this.timers)
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      if (!next) break
      this.timers.delete(next[0])
      this.t = Math.max(this.t, next[1].at)
      next[1].cb()
    }
    this.t = end
  }
  /** Moves time without firing timers: a frozen or throttled tab. */
  jump(ms: number): void {
    this.t += ms
  }
}

/** A WebSocket the test plays the server for. Every construction is recorded (I1 counts them). */
export class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = []
  readyState = 0
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onclose: ((ev: { code: number; reason: string }) => void) | null = null
  sent: ClientFrame[] = []
  closedByClient: { code?: number; reason?: string } | null = null
  /** When true the "server" answers every ping at once, as a healthy server would. */
  autoPong = false

  constructor(readonly url: string) {
    FakeSocket.instances.push(this)
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open')
    const frame = JSON.parse(data) as ClientFrame
    this.sent.push(frame)
    if (this.autoPong && frame.type === 'ping') this.serverSend({ type: 'pong', id: frame.id })
  }
  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return
    this.closedByClient = { code, reason }
    this.readyState = 3
  }
  // ── the test plays the server ──
  serverOpen(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  serverSend(frame: ServerFrame | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }
  serverClose(code = 1006, reason = ''): void {
    this.readyState = 3
    this.onclose?.({ code, reason })
  }
  serverError(): void {
    this.onerror?.({})
  }
  /** Open + answer the auth frame: the socket becomes `connected`. */
  accept(uid = 'alice'): void {
    this.serverOpen()
    this.serverSend({ type: 'auth-ok', user: { uid, name: uid }, serverTime: 0, idleTimeoutMs: 60_000 })
  }
  get isOpenOrOpening(): boolean {
    return this.readyState < 2
  }
}

/** A fetch that plays the server's HTTP login/logout. */
export function fakeFetch(
  authKey = 'demo-auth-key',
  hangLogout = false,
): typeof fetch & { calls: Array<{ url: string; body: unknown }> } {
  const calls: Array<{ url: string; body: unknown }> = []
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      uid?: string
      authKey?: string
      authToken?: string
    }
    calls.push({ url, body })
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })
    if (url.endsWith('/v1/logout'))
      return hangLogout ? new Promise<Response>(() => {}) : json(200, { ok: true })
    if (body.authToken) {
      return body.authToken.startsWith('tok-')
        ? json(200, {
            user: { uid: body.authToken.slice(4), name: body.authToken.slice(4) },
            authToken: body.authToken,
          })
        : json(401, { error: { code: 'ERR_AUTH_FAILED', message: 'bad token' } })
    }
    if (body.authKey !== authKey)
      return json(401, { error: { code: 'ERR_AUTH_FAILED', message: 'wrong auth key' } })
    return json(200, { user: { uid: body.uid, name: body.uid }, authToken: `tok-${body.uid}` })
  }) as typeof fetch & { calls: Array<{ url: string; body: unknown }> }
  fn.calls = calls
  return fn
}

export interface HarnessOptions {
  mode?: 'auto' | 'manual'
  appState?: AppStateValue
  online?: boolean
  /** `'default'`: none passed, so the engine picks its own (in Node: its own memory). */
  storage?: SessionStorageLike | 'default'
  configure?: (b: AppSettingsBuilder) => AppSettingsBuilder
  random?: () => number
  /** The logout request never gets an answer (a hung server). */
  hangLogout?: boolean
}

/** An engine wired to fakes, plus a log of listener events. */
export function harness(opts: HarnessOptions = {}) {
  FakeSocket.instances = []
  const clock = new FakeClock()
  const appState = createControllableAppState(opts.appState ?? 'foreground')
  const network = createControllableNetwork(opts.online ?? true)
  const storage = opts.storage === 'default' ? undefined : (opts.storage ?? createMemoryStorage())
  const fetch = fakeFetch('demo-auth-key', opts.hangLogout)
  let builder = new AppSettingsBuilder()
    .setServerUrl('http://127.0.0.1:4455')
    .autoEstablishSocketConnection(opts.mode !== 'manual')
  if (opts.configure) builder = opts.configure(builder)
  const engine = createConnectionEngine({
    appId: 'test-app',
    settings: builder.build(),
    platform: {
      WebSocket: FakeSocket,
      appState,
      network,
      storage,
      fetch,
      clock,
      random: opts.random ?? (() => 0.5),
    },
  })
  const events: string[] = []
  engine.addConnectionListener('log', {
    inConnecting: () => events.push('connecting'),
    onConnected: () => events.push('connected'),
    onDisconnected: () => events.push('disconnected'),
    onFeatureThrottled: () => events.push('throttled'),
    onConnectionError: (e) => events.push(`error:${e.code}`),
  })
  const sockets = () => FakeSocket.instances
  const last = () => {
    const s = FakeSocket.instances.at(-1)
    if (!s) throw new Error('no socket was created')
    return s
  }
  const openSockets = () => FakeSocket.instances.filter((s) => s.isOpenOrOpening && !s.closedByClient)
  return { engine, clock, appState, network, storage, fetch, events, sockets, last, openSockets }
}

/** Logs in (the HTTP part resolves on microtasks) and returns the user. */
export async function loginAs(engine: ConnectionEngine, uid = 'alice') {
  return engine.login(uid, 'demo-auth-key')
}

/** Settles microtasks (promise chains of the shell). Not a sleep: no time passes on any clock. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

/** The settled state of a promise, without awaiting forever. */
export async function outcome<T>(
  p: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; code: string } | 'pending'> {
  let result: { ok: true; value: T } | { ok: false; code: string } | 'pending' = 'pending'
  p.then(
    (value) => {
      result = { ok: true, value }
    },
    (e: { code: string }) => {
      result = { ok: false, code: e.code }
    },
  )
  await flush()
  return result
}

export type { ConnectionStatus }
