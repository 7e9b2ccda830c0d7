import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CloseCodes } from '../protocol.js'
import { type FakeSocket, flush, harness } from './harness.js'

/**
 * Random sequences of at least 30 events against the engine on fakes. After every step the
 * invariants I1–I5 hold and the status agrees with a small reference model of SPEC §3.
 * FC_NUM_RUNS sets the number of sequences (default 1,000; `pnpm soak` runs 100,000).
 */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000)

type Cmd =
  | { t: 'login'; uid: string }
  | { t: 'logout' | 'connect' | 'disconnect' | 'ping' | 'send' }
  | { t: 'background' | 'foreground' | 'offline' | 'online' }
  | { t: 'open' | 'authOk' | 'error' | 'garbage' | 'throttle' | 'serverPing' | 'pong' }
  | { t: 'close'; code: number }
  | { t: 'time'; ms: number }

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.constantFrom('alice', 'bob').map((uid) => ({ t: 'login' as const, uid })), weight: 2 },
  {
    arbitrary: fc.constantFrom('logout', 'connect', 'disconnect', 'ping', 'send').map((t) => ({ t })),
    weight: 5,
  },
  {
    arbitrary: fc.constantFrom('background', 'foreground', 'offline', 'online').map((t) => ({ t })),
    weight: 4,
  },
  {
    arbitrary: fc
      .constantFrom('open', 'authOk', 'error', 'garbage', 'throttle', 'serverPing', 'pong')
      .map((t) => ({ t })),
    weight: 7,
  },
  {
    arbitrary: fc
      .constantFrom(1006, 1000, 1001, CloseCodes.AUTH_FAILED, CloseCodes.UNKNOWN_APP, CloseCodes.IDLE_TIMEOUT)
      .map((code) => ({ t: 'close' as const, code })),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom(0, 250, 1_000, 5_000, 15_000, 30_000, 90_000)
      .map((ms) => ({ t: 'time' as const, ms })),
    weight: 4,
  },
)

/** The reference model: only what SPEC §3 says about intent, environment and sockets. */
interface Model {
  loggedIn: boolean
  fg: boolean
  online: boolean
  suspended: boolean // auto: disconnect() in force
  connectCalled: boolean // manual: connect() since the last login/logout/disconnect/fatal close
}

async function runSequence(mode: 'auto' | 'manual', cmds: Cmd[], seed: number): Promise<void> {
  let r = seed
  const h = harness({
    mode,
    random: () => {
      r = (r * 1103515245 + 12345) % 2 ** 31
      return r / 2 ** 31
    },
    configure: (b) => b.setBackgroundTimeout(30_000).setHeartbeatInterval(15_000).setPongTimeout(10_000),
  })
  const m: Model = { loggedIn: false, fg: true, online: true, suspended: false, connectCalled: false }
  const settled: Array<() => boolean> = []
  const track = (p: Promise<unknown>) => {
    // I5: callbacks and promise agree
    let viaCallback: string | null = null
    let viaPromise: string | null = null
    p.then(
      () => {
        viaPromise = 'ok'
      },
      (e: { code: string }) => {
        viaPromise = e.code
      },
    )
    settled.push(() => {
      if (viaPromise !== null && viaCallback !== null) expect(viaCallback).toBe(viaPromise)
      return viaPromise !== null
    })
    return (outcome: string) => {
      viaCallback = outcome
    }
  }
  const withCb = (
    fn: (cb: { onSuccess(): void; onError(e: { code: string }): void }) => Promise<unknown>,
  ) => {
    let record: (o: string) => void = () => {}
    const p = fn({ onSuccess: () => record('ok'), onError: (e) => record(e.code) })
    record = track(p)
  }
  const current = (): FakeSocket | undefined => {
    const s = h.sockets().at(-1)
    return s && !s.closedByClient && s.readyState < 3 ? s : undefined
  }
  const connected = () => h.engine.getConnectionStatus() === 'connected'
  const authed = new WeakSet<FakeSocket>()

  for (const c of cmds) {
    const s = current()
    // B8 (manual): a socket that goes away in the background, or none there at all, stays closed
    const manualBg = mode === 'manual' && !m.fg
    const hadSocket = h.engine.getConnectionStatus() !== 'disconnected'
    if (mode === 'manual' && c.t === 'background' && m.fg && !hadSocket) m.connectCalled = false
    if (manualBg && hadSocket && (c.t === 'offline' || c.t === 'error' || c.t === 'close'))
      m.connectCalled = false
    switch (c.t) {
      case 'login':
        await h.engine.login(c.uid, 'demo-auth-key')
        Object.assign(m, { loggedIn: true, suspended: false, connectCalled: false })
        break
      case 'logout':
        await h.engine.logout()
        Object.assign(m, { loggedIn: false, suspended: false, connectCalled: false })
        break
      case 'connect':
        if (m.loggedIn && m.online && !connected()) {
          if (mode === 'auto') m.suspended = false
          else m.connectCalled = true
        }
        withCb((cb) => h.engine.connect(cb))
        break
      case 'disconnect':
        if (mode === 'auto') m.suspended = true
        else m.connectCalled = false
        withCb((cb) => h.engine.disconnect(cb))
        break
      case 'ping':
        withCb((cb) => h.engine.ping(cb))
        break
      case 'send':
        withCb((cb) => h.engine.sendMessage('bob', 'hi', cb))
        break
      case 'background':
      case 'foreground':
        m.fg = c.t === 'foreground'
        h.appState.set(c.t)
        break
      case 'offline':
      case 'online':
        m.online = c.t === 'online'
        h.network.set(m.online)
        break
      case 'open':
        if (s?.readyState === 0) s.serverOpen()
        break
      case 'authOk':
        if (s?.readyState === 1) {
          const first = !authed.has(s)
          authed.add(s)
          s.serverSend({ type: 'auth-ok', user: { uid: 'x', name: 'x' }, serverTime: 0, idleTimeoutMs: 1 })
          // the model's one exact prediction: the first auth-ok of the current socket means `connected`
          if (first) expect(h.engine.getConnectionStatus(), 'first auth-ok').toBe('connected')
        }
        break
      case 'error':
        s?.serverError()
        break
      case 'garbage':
        if (s?.readyState === 1) s.serverSend('{"type":"nope"')
        break
      case 'throttle':
        if (s?.readyState === 1) s.serverSend({ type: 'throttle', feature: 'messages', retryAfterMs: 10 })
        break
      case 'serverPing':
        if (s?.readyState === 1) s.serverSend({ type: 'ping', id: 'srv' })
        break
      case 'pong': {
        const ping = s?.sent.filter((f) => f.type === 'ping').at(-1) as { id: string } | undefined
        if (s?.readyState === 1 && ping) s.serverSend({ type: 'pong', id: ping.id })
        break
      }
      case 'close':
        if (s) {
          s.serverClose(c.code)
          if (c.code === CloseCodes.AUTH_FAILED && m.loggedIn)
            Object.assign(m, { loggedIn: false, connectCalled: false })
          if (c.code === CloseCodes.UNKNOWN_APP) {
            if (mode === 'auto') m.suspended = true
            else m.connectCalled = false
          }
        }
        break
      case 'time':
        h.clock.advance(c.ms)
        break
    }
    await flush()
    check(h, m, mode, c)
  }
  // I4: nothing hangs. Logging out settles everything still waiting, and leaves nothing behind (I3).
  await h.engine.logout()
  await flush()
  for (const isSettled of settled) expect(isSettled()).toBe(true)
  expect(h.clock.pending).toBe(0)
  h.engine.destroy()
}

function check(h: ReturnType<typeof harness>, m: Model, mode: 'auto' | 'manual', c: Cmd): void {
  const status = h.engine.getConnectionStatus()
  const open = h.openSockets()
  const why = `after ${JSON.stringify(c)}: status=${status} sockets=${open.length} model=${JSON.stringify(m)}`
  // I1
  expect(open.length, why).toBeLessThanOrEqual(1)
  // I2
  const statuses = h.events.filter((e) => !e.startsWith('error') && e !== 'throttled')
  for (let i = 1; i < statuses.length; i++) expect(statuses[i], why).not.toBe(statuses[i - 1])
  if (statuses.length > 0) expect(statuses.at(-1), why).toBe(status)
  // status ⇔ socket
  expect(status === 'disconnected', why).toBe(open.length === 0)
  // the model of SPEC §3
  if (!m.loggedIn || !m.online) expect(status, why).toBe('disconnected')
  if (mode === 'auto' && !m.fg) expect(status, why).toBe('disconnected')
  if (mode === 'auto' && m.suspended) expect(status, why).toBe('disconnected')
  if (mode === 'manual' && !m.connectCalled) expect(status, why).toBe('disconnected')
  // liveness: when auto mode wants a socket and has none, a retry is scheduled
  if (mode === 'auto' && m.loggedIn && m.online && m.fg && !m.suspended && open.length === 0) {
    expect(h.engine.getSnapshot().nextRetryAt, why).not.toBeNull()
  }
  // I3
  if (!m.loggedIn) {
    expect(h.appState.subscriberCount(), why).toBe(0)
    expect(h.network.subscriberCount(), why).toBe(0)
  }
}

describe('property: random event sequences keep I1–I5 and follow the model', () => {
  it.each(['auto', 'manual'] as const)(
    '%s mode',
    async (mode) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(cmd, { minLength: 30, maxLength: 60 }),
          fc.integer({ min: 1, max: 2 ** 30 }),
          (cmds, seed) => runSequence(mode, cmds, seed),
        ),
        { numRuns: Math.ceil(NUM_RUNS / 2) },
      )
    },
    600_000,
  )
})
