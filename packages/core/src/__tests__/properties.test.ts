import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { noop } from '../noop.js'
import type { ClientFrame } from '../protocol.js'
import type { AppSettingsBuilder } from '../settings.js'
import { type FakeClock, FakeSocket, flush, harness } from './harness.js'
import { type Frame, type ModelRequest, type Recovery, ReferenceModel } from './reference-model.js'

/**
 * Random schedules of 30–60 steps (app calls, app state, network, server frames and closes with their
 * codes and retry hints, auth answers with resumes, chat messages by stream offset, time, frozen-tab clock
 * jumps, late events of old sockets), each with the random number the engine draws for it, against the
 * engine on fakes and the reference model (reference-model.ts) side by side. After every step the engine
 * must agree with the model on everything observable: the listener calls in order (status changes, error
 * codes, messages, resumes interleaved), the snapshot (status, lastError, attempt, nextRetryAt: each
 * backoff delay to the millisecond within its bound, backgroundDeadline, pending sends, intent, recovery,
 * the last delivered message), every socket and every frame sent on it, every request's outcome, the
 * timer held and when it fires (I3), the platform subscriptions. The timing settings are drawn too,
 * distinct from one another, so a rule reading the wrong timeout shows.
 *
 * Seeds: the default run (CI) uses a fixed seed, the same schedules every time. `pnpm soak` sets
 * FC_SEED=random and FC_NUM_RUNS=100000; a failure prints `FC_SEED=… FC_PATH=… pnpm soak` to replay it.
 */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000)
const SEED_ENV = process.env.FC_SEED ?? '15'
const SEED = SEED_ENV === 'random' ? undefined : Number(SEED_ENV)
const PATH = process.env.FC_PATH

type Cmd =
  | { t: 'login'; uid: string }
  | { t: 'logout' | 'connect' | 'disconnect' | 'ping' | 'send' }
  | { t: 'background' | 'foreground' | 'offline' | 'online' }
  | { t: 'open' | 'error' | 'garbage' | 'throttle' | 'serverPing' | 'pong' | 'ack' | 'nack' }
  | { t: 'authOk'; stream: { epoch: string; offset: number } | null; recovery: Recovery | null }
  | { t: 'message'; kind: 'next' | 'repeat' | 'gap' | 'plain' | 'plainRepeat' | 'foreign'; replayed: boolean }
  | { t: 'close'; code: number; reason: string }
  | { t: 'time' | 'jump'; ms: number }
  | { t: 'stale'; pick: number; what: 'onopen' | 'onmessage' | 'onerror' | 'onclose' }

/** One step of a schedule: what happens, and the random number the engine draws meanwhile. */
interface Step {
  cmd: Cmd
  random: number
}

const closeArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc
    .constantFrom(1000, 1001, 1006, 1011, 1012, 4001, 4004, 4008)
    .map((code) => ({ t: 'close' as const, code, reason: '' })),
  fc
    .constantFrom('retry after 0 ms', 'retry after 2500 ms', 'retry after 9000 ms', 'busy')
    .map((reason) => ({ t: 'close' as const, code: 4013, reason })),
)

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.constantFrom('alice', 'bob').map((uid) => ({ t: 'login' as const, uid })), weight: 2 },
  {
    arbitrary: fc
      .constantFrom('logout', 'connect', 'connect', 'disconnect', 'ping', 'send')
      .map((t) => ({ t })),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom('background', 'foreground', 'offline', 'online').map((t) => ({ t })),
    weight: 4,
  },
  {
    arbitrary: fc
      .constantFrom('open', 'error', 'garbage', 'throttle', 'serverPing', 'pong', 'ack', 'nack')
      .map((t) => ({ t })),
    weight: 6,
  },
  { arbitrary: closeArb, weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant('authOk' as const),
      stream: fc.constantFrom(
        null,
        { epoch: 'e1', offset: 0 },
        { epoch: 'e1', offset: 3 },
        { epoch: 'e2', offset: 1 },
      ),
      recovery: fc.constantFrom<Recovery | null>(
        null,
        { resumed: true, replayed: 2 },
        { resumed: false, reason: 'epoch' },
        { resumed: false, reason: 'window' },
      ),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('message' as const),
      kind: fc.constantFrom(
        'next' as const,
        'next' as const,
        'repeat' as const,
        'gap' as const,
        'plain' as const,
        'plainRepeat' as const,
        'foreign' as const,
      ),
      replayed: fc.boolean(),
    }),
    weight: 6,
  },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom(0, 250, 1_000, 2_500, 5_000, 10_000, 15_000, 30_000, 90_000),
        fc.integer({ min: 1, max: 40_000 }),
      )
      .map((ms) => ({ t: 'time' as const, ms })),
    weight: 5,
  },
  { arbitrary: fc.integer({ min: 1, max: 60_000 }).map((ms) => ({ t: 'jump' as const, ms })), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('stale' as const),
      pick: fc.nat(),
      what: fc.constantFrom('onopen' as const, 'onmessage' as const, 'onerror' as const, 'onclose' as const),
    }),
    weight: 1,
  },
)

const stepArb: fc.Arbitrary<Step> = fc.record({
  cmd: cmdArb,
  // The extremes show a delay drawn under the wrong bound; the rest spreads over it.
  random: fc.oneof(
    fc.constantFrom(0, 0.999_999),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ),
})

/** Timing settings, drawn apart from one another. `undefined`: the engine's default. */
const settingsArb = fc.record({
  backgroundTimeout: fc.constantFrom(30_000, 20_000),
  heartbeatInterval: fc.constantFrom(15_000, 11_000),
  pongTimeout: fc.constantFrom(7_000, 5_000),
  connectTimeout: fc.constantFrom(9_000, 6_000),
  stableAfter: fc.constantFrom(12_000, 8_000),
  sendTimeout: fc.constantFrom(25_000, 40_000),
  backoff: fc.constantFrom(
    undefined,
    { initialMs: 1_000, multiplier: 2, maxMs: 4_000 },
    { initialMs: 300, multiplier: 3, maxMs: 10_000 },
  ),
})
type Timing = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never

const configure = (t: Timing) => (b: AppSettingsBuilder) => {
  const built = b
    .setBackgroundTimeout(t.backgroundTimeout)
    .setHeartbeatInterval(t.heartbeatInterval)
    .setPongTimeout(t.pongTimeout)
    .setConnectTimeout(t.connectTimeout)
    .setStableAfter(t.stableAfter)
    .setSendTimeout(t.sendTimeout)
  return t.backoff ? built.setReconnectBackoff(t.backoff) : built
}

/** When the fake clock's timers fire (FakeClock keeps them private; the test reads them). */
const timersOf = (clock: FakeClock) =>
  [...(clock as unknown as { timers: Map<number, { at: number }> }).timers.values()].map((t) => t.at)

const frameOf = (f: ClientFrame): Frame =>
  f.type === 'send-message'
    ? `send:${f.text}`
    : f.type === 'auth'
      ? f.resume
        ? `auth@${f.resume.epoch}:${f.resume.offset}`
        : 'auth'
      : (f.type as 'ping' | 'pong')

/** Deep equality that, failing, prints both values whole (a schedule's log is longer than vitest shows). */
function same(engine: unknown, model: unknown, what: string): void {
  if (!isDeepStrictEqual(engine, model))
    throw new Error(`${what}\n  engine: ${JSON.stringify(engine)}\n  model:  ${JSON.stringify(model)}`)
}

type Handlers = Pick<FakeSocket, 'onopen' | 'onmessage' | 'onerror' | 'onclose'>

/** A request to the engine, its outcome seen through the promise and through the callbacks (I5). */
interface Tracked {
  model: ModelRequest
  promise: string
  callback: string
}

async function runSchedule(
  mode: 'auto' | 'manual',
  timing: Timing,
  steps: Step[],
  end: 'logout' | 'destroy',
) {
  let random = 0.5
  const h = harness({ mode, random: () => random, configure: configure(timing) })
  const m = new ReferenceModel(mode, h.engine.settings, h.clock.now(), true, true)
  const env = { fg: true, online: true }
  const requests: Tracked[] = []
  /** The engine's own handlers of every socket, captured when it was created: old ones fire late. */
  const handlers: Handlers[] = []
  let sends = 0
  let messages = 0
  /** A chat message may have taken the shell's hot path, which leaves the armed timer early (a wake-up). */
  let hot = false
  h.engine.addConnectionListener('model', {
    onResumed: (r) => h.events.push(`resumed:${r.replayed}`),
    onContinuityLost: (r) => h.events.push(`lost:${r.reason}:${r.lastDeliveredMessageId}`),
  })
  h.engine.addMessageListener('model', {
    onTextMessageReceived: (msg) => h.events.push(`msg:${msg.id}${msg.replayed ? '*' : ''}`),
  })

  const track = (
    kind: ModelRequest['kind'],
    call: (cb: { onSuccess(): void; onError(e: { code: string }): void }) => Promise<unknown>,
  ) => {
    const t: Tracked = { model: { kind, outcome: 'pending' }, promise: 'pending', callback: 'pending' }
    requests.push(t)
    call({ onSuccess: () => (t.callback = 'ok'), onError: (e) => (t.callback = e.code) }).then(
      () => (t.promise = 'ok'),
      (e: { code: string }) => (t.promise = e.code),
    )
    return t.model
  }
  const current = (): FakeSocket | undefined => {
    const s = FakeSocket.instances.at(-1)
    return s && !s.closedByClient && s.readyState < 3 ? s : undefined
  }
  /** The frame sent on the socket for the model's oldest send waiting on it, if any. */
  const refOf = (s: FakeSocket): { ref: string; text: string } | null => {
    const o = m.outbox.find((x) => x.sentOn === m.socket?.index)
    const f = o && [...s.sent].reverse().find((x) => x.type === 'send-message' && x.text === o.text)
    return f?.type === 'send-message' ? { ref: f.ref, text: f.text } : null
  }

  async function run(step: Step): Promise<void> {
    const { cmd } = step
    random = m.random = step.random
    const stepsBefore = m.steps
    const s = current()
    switch (cmd.t) {
      case 'login':
        await h.engine.login(cmd.uid, 'demo-auth-key')
        m.login(cmd.uid, env.fg, env.online)
        break
      case 'logout':
        await h.engine.logout()
        m.logout()
        break
      case 'connect':
        m.connect(track('connect', (cb) => h.engine.connect(cb)))
        break
      case 'disconnect':
        m.disconnect(track('disconnect', (cb) => h.engine.disconnect(cb)))
        break
      case 'ping':
        m.ping(track('ping', (cb) => h.engine.ping(cb)))
        break
      case 'send': {
        const text = `m${++sends}`
        m.sendMessage(
          track('send', (cb) => h.engine.sendMessage('bob', text, cb)),
          text,
        )
        break
      }
      case 'background':
      case 'foreground': {
        const fg = cmd.t === 'foreground'
        const heard = m.attached && env.fg !== fg
        env.fg = fg
        h.appState.set(cmd.t)
        if (heard) m.appStateChanged(fg)
        break
      }
      case 'offline':
      case 'online': {
        const online = cmd.t === 'online'
        const heard = m.attached && env.online !== online
        env.online = online
        h.network.set(online)
        if (heard) m.networkChanged(online)
        break
      }
      case 'open':
        if (s?.readyState !== 0) break
        s.serverOpen()
        m.socketOpen()
        break
      case 'authOk':
        // The server accepts: the socket opens if it has not yet, then the auth answer.
        if (s?.readyState === 0) {
          s.serverOpen()
          m.socketOpen()
        }
        if (s?.readyState !== 1) break
        s.serverSend({
          type: 'auth-ok',
          user: { uid: 'x', name: 'x' },
          serverTime: 0,
          idleTimeoutMs: 60_000,
          ...(cmd.stream && { stream: cmd.stream }),
          ...(cmd.recovery && { recovery: cmd.recovery }),
        })
        m.authOk(cmd.stream, cmd.recovery)
        break
      case 'message': {
        // The test plays the server: offsets relative to where the model says the app stands.
        if (s?.readyState !== 1 || m.socket?.phase !== 'open') break
        const at = m.position?.offset ?? 0
        const repeat = cmd.kind === 'plainRepeat' && m.position?.id
        const id = repeat || `s${++messages}`
        const offsets = {
          next: at + 1,
          repeat: at,
          gap: at + 2,
          plain: undefined,
          plainRepeat: undefined,
          foreign: at + 1,
        }
        const offset = offsets[cmd.kind]
        const receiver = cmd.kind === 'foreign' ? 'mallory' : (m.user ?? 'nobody')
        s.serverSend({
          type: 'message',
          message: { id, sender: 'carol', receiver, text: 'hi', sentAt: 1 },
          ...(offset !== undefined && { offset }),
          ...(cmd.replayed && { replayed: true }),
        })
        m.message({ id, receiver, offset, replayed: cmd.replayed })
        hot = true
        break
      }
      case 'garbage':
        if (s?.readyState !== 1) break
        s.serverSend('{"type":"nope"')
        m.malformed()
        break
      case 'throttle':
        if (s?.readyState !== 1) break
        s.serverSend({ type: 'throttle', feature: 'messages', retryAfterMs: 10 })
        m.throttle()
        break
      case 'serverPing':
        if (s?.readyState !== 1) break
        s.serverSend({ type: 'ping', id: 'srv' })
        m.serverPing()
        break
      case 'pong': {
        const ping = s?.sent.filter((f) => f.type === 'ping').at(-1)
        if (s?.readyState !== 1 || ping?.type !== 'ping') break
        s.serverSend({ type: 'pong', id: ping.id })
        m.pong()
        break
      }
      case 'ack':
      case 'nack': {
        if (s?.readyState !== 1) break
        const target = refOf(s)
        const ref = target?.ref ?? 'answered-long-ago'
        const message = { id: ref, sender: 'x', receiver: 'bob', text: target?.text ?? 'x', sentAt: 1 }
        s.serverSend(
          cmd.t === 'ack'
            ? { type: 'message-ack', ref, message }
            : { type: 'error', code: 'ERR_BLOCKED', message: 'refused', ref },
        )
        m.answer(target?.text ?? null, cmd.t === 'nack')
        break
      }
      case 'error':
        if (!s) break
        s.serverError()
        m.socketError()
        break
      case 'close':
        if (!s) break
        s.serverClose(cmd.code, cmd.reason)
        m.socketClose(cmd.code, cmd.reason)
        break
      case 'time':
        h.clock.advance(cmd.ms)
        m.advance(cmd.ms)
        break
      case 'jump': // a frozen tab: time passes, no timer fires; the next event finds its deadlines overdue
        h.clock.jump(cmd.ms)
        m.now += cmd.ms
        break
      case 'stale': {
        // A late event of an old socket (already queued when the engine moved on): ignored by the engine.
        const old = handlers.filter((_, i) => i !== m.socket?.index)
        const handler = old[cmd.pick % Math.max(1, old.length)]?.[cmd.what]
        if (!handler || handler === noop) break
        // An auth answer, or the next chat message for the user (which the hot path must refuse too).
        const data = JSON.stringify(
          cmd.pick % 2
            ? { type: 'auth-ok', user: { uid: 'x', name: 'x' }, serverTime: 0, idleTimeoutMs: 1 }
            : {
                type: 'message',
                message: { id: `old${cmd.pick}`, sender: 'carol', receiver: m.user, text: 'late', sentAt: 1 },
                offset: (m.position?.offset ?? 0) + 1,
              },
        )
        ;(handler as (ev: unknown) => void)({ code: 1006, reason: '', data })
        m.stale()
        break
      }
    }
    // The engine re-arms its timer after every transition; a hot-path message does not.
    if (cmd.t !== 'message' && m.steps !== stepsBefore) hot = false
    for (let i = handlers.length; i < FakeSocket.instances.length; i++) {
      const { onopen, onmessage, onerror, onclose } = FakeSocket.instances[i]!
      handlers.push({ onopen, onmessage, onerror, onclose })
    }
    await flush()
    m.persist()
  }

  function check(where: string): void {
    const snap = h.engine.getSnapshot()
    same(h.events, m.events, `${where}: listener calls`)
    same(
      {
        status: h.engine.getConnectionStatus(),
        snapStatus: snap.status,
        user: snap.user?.uid ?? null,
        lastError: snap.lastError?.code ?? null,
        reconnectAttempt: snap.reconnectAttempt,
        nextRetryAt: snap.nextRetryAt,
        backgroundDeadline: snap.backgroundDeadline,
        pendingSends: snap.pendingSends,
        intent: snap.intent,
        recovery: snap.recovery,
        lastDelivered: h.engine.getLastDeliveredMessageId(),
        appState: snap.appState,
        online: snap.online,
      },
      {
        status: m.status,
        snapStatus: m.status,
        user: m.user,
        lastError: m.lastError,
        reconnectAttempt: m.attempt,
        nextRetryAt: m.retryAt,
        backgroundDeadline: m.backgroundDeadline,
        pendingSends: m.outbox.length,
        intent: m.user && m.intent ? 'connect' : 'idle',
        recovery: m.recovery,
        lastDelivered: m.position?.id ?? null,
        appState: m.fg ? 'foreground' : 'background',
        online: m.online,
      },
      `${where}: snapshot`,
    )
    // Sockets: the ones created, the current one, and every frame sent on each.
    const sockets = FakeSocket.instances
    expect(sockets.length, `${where}: sockets created`).toBe(m.sockets.length)
    expect(current() ? sockets.length - 1 : null, `${where}: current socket`).toBe(m.socket?.index ?? null)
    expect(
      sockets.filter((x) => x.isOpenOrOpening && !x.closedByClient).length,
      `${where}: I1`,
    ).toBeLessThanOrEqual(1)
    same(
      sockets.map((x) => x.sent.map(frameOf)),
      m.sockets.map((x) => x.frames),
      `${where}: frames sent`,
    )
    // Requests: each settled as the model says (promise and callbacks alike: I5), or still waiting.
    same(
      requests.map((r) => [r.promise, r.callback]),
      requests.map((r) => [r.model.outcome, r.model.outcome]),
      `${where}: request outcomes`,
    )
    // The one timer (I3: none when nothing is due), armed at the earliest deadline.
    const due = m.nextDeadline()
    const timers = timersOf(h.clock)
    expect(timers.length, `${where}: timers held`).toBe(due === null ? 0 : 1)
    if (due !== null && due >= h.clock.now()) {
      if (hot) expect(timers[0], `${where}: timer due by`).toBeLessThanOrEqual(due)
      else expect(timers[0], `${where}: timer due at`).toBe(due)
    }
    // Platform subscriptions only while logged in (I3).
    const subscribed = m.attached ? 1 : 0
    expect([h.appState.subscriberCount(), h.network.subscriberCount()], `${where}: subscriptions`).toEqual([
      subscribed,
      subscribed,
    ])
  }

  try {
    for (const [i, step] of steps.entries()) {
      await run(step)
      check(`step ${i} ${JSON.stringify(step)}`)
    }
    // I4: nothing hangs. Logging out or destroying settles every request and leaves no timer (I3).
    random = m.random = 0.5
    if (end === 'logout') {
      await h.engine.logout()
      m.logout()
    } else {
      h.engine.destroy()
      m.destroy()
    }
    await flush()
    if (end === 'logout') check(`after ${end}`)
    expect(requests.filter((r) => r.promise === 'pending').length, 'requests left pending').toBe(0)
    expect(requests.map((r) => r.promise)).toEqual(requests.map((r) => r.model.outcome))
    expect(h.clock.pending, 'timers left').toBe(0)
    expect(h.appState.subscriberCount() + h.network.subscriberCount(), 'subscriptions left').toBe(0)
  } finally {
    h.engine.destroy()
  }
}

/** How many steps the last run checked (printed by the soak). */
let stepsChecked = 0

/** Checks one mode; returns the seed it ran with. */
async function checkMode(mode: 'auto' | 'manual'): Promise<number> {
  const property = fc.asyncProperty(
    settingsArb,
    fc.array(stepArb, { minLength: 30, maxLength: 60 }),
    fc.constantFrom('logout' as const, 'destroy' as const),
    async (timing, steps, end) => {
      stepsChecked += steps.length + 1
      await runSchedule(mode, timing, steps, end)
    },
  )
  const details = await fc.check(property, { numRuns: Math.ceil(NUM_RUNS / 2), seed: SEED, path: PATH })
  if (details.failed) {
    const replay = `FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath} pnpm soak`
    console.error(`property failed (${mode} mode); replay: ${replay}`)
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance
    throw new Error(`${await fc.asyncDefaultReportMessage(details)}\n${cause}\nreplay: ${replay}`)
  }
  return details.seed
}

describe('property: the engine agrees with the reference model at every step of random schedules', () => {
  it.each(['auto', 'manual'] as const)(
    '%s mode',
    async (mode) => {
      stepsChecked = 0
      const seed = await checkMode(mode)
      if (process.env.FC_NUM_RUNS) console.log(`${mode} mode: ${stepsChecked} steps checked, seed ${seed}`)
      expect(stepsChecked).toBeGreaterThan(0)
    },
    // The default run takes seconds; the soak's 100,000 schedules take their time (about 20 ms each).
    Math.max(120_000, NUM_RUNS * 50),
  )
})
