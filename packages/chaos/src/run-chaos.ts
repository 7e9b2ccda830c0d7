import { setTimeout as sleep } from 'node:timers/promises'
import { captureErrors } from './capture-errors.js'
import { ChaosServer, type Generation } from './chaos-server.js'
import { ChaosUser, type ChaosWorld } from './chaos-user.js'
import { type DeliveryFigures, DeliveryLedger } from './delivery-ledger.js'
import { FaultProxy } from './fault-proxy.js'
import { freePort } from './free-port.js'
import { watchLoopLag } from './loop-lag.js'
import { injectNetworkFault } from './network-faults.js'
import type { ChaosOptions } from './options.js'
import { OverlapWatch } from './overlap-watch.js'
import { type PromiseFigures, PromiseTracker } from './promise-tracker.js'
import { createRandom } from './random.js'
import { Tally } from './tally.js'
import { Timers } from './timers.js'
import {
  CHAOS_TIMING,
  type ChaosTiming,
  halfOpenBound,
  MARGIN_MS,
  promiseBounds,
  reconnectBound,
  WRONG_CODES,
} from './timing.js'
import { Violations } from './violations.js'

const APP_ID = 'chaos-app'
const AUTH_KEY = 'chaos-auth-key'
/** Two WebSockets at a proxy for less than this are a close frame still on its way (see OverlapWatch). */
const OVERLAP_GRACE_MS = 1_000
/** The server's idle timeout: a dead-frozen socket is closed on its side within it. */
const SERVER_ARGS = ['--idle-timeout', '15000']
/**
 * A message acknowledged this long before its server process died reached a receiver that was connected
 * with a clear path (latency and slicing delay a frame by well under a second).
 */
const REACHABLE_AFTER_MS = 2_000
/** The engines must all be connected this soon after the warm-up's logins, or the run cannot start. */
const WARM_UP_MS = 60_000

/** Everything a run measured; {@link formatReport} prints it. */
export interface ChaosReport {
  readonly options: ChaosOptions
  readonly timing: ChaosTiming
  readonly marginMs: number
  readonly manualEngines: number
  readonly phases: { warmUpMs: number; chaosMs: number; quietMs: number; drainMs: number }
  readonly faults: Tally
  readonly actions: Tally
  readonly generations: readonly Generation[]
  readonly sockets: {
    /** WebSockets the proxies saw, and every connection (HTTP included). */
    proxyWebSockets: number
    proxyConnections: number
    /** WebSockets the engines constructed. */
    created: number
    maxLiveProxy: number
    maxLiveClient: number
    /** Moments with two at a proxy, shorter than the grace period. */
    transientOverlaps: number
    overlapGraceMs: number
  }
  readonly promises: readonly PromiseFigures[]
  readonly delivery: DeliveryFigures
  readonly quiet: {
    expected: number
    connected: number
    /** From the faults' end until the last expected engine was connected, ms (null: not all were). */
    allConnectedMs: number | null
    /** The engine that took longest from when it should have been connected, and how long, ms. */
    slowest: { uid: string; ms: number }
    /** The bound, from the moment each engine should be connected, ms (margin included). */
    boundMs: number
    notExpected: number
  }
  readonly drain: { users: number; connected: number }
  readonly lag: { maxMs: number; p99Ms: number }
  readonly serverStderrLines: number
  readonly violations: Violations
}

async function waitUntil(condition: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() >= end) return false
    await sleep(everyMs)
  }
  return true
}

const isConnected = (user: ChaosUser) => user.engine.getConnectionStatus() === 'connected'

/** One line about an engine that is not where it should be. */
function stateOf(user: ChaosUser): string {
  const s = user.engine.getSnapshot()
  return (
    `${user.uid} (${user.mode}): status ${s.status}, intent ${s.intent}, user ${s.user?.uid ?? 'none'}, ` +
    `${s.appState}, ${s.online ? 'online' : 'offline'}, attempt ${s.reconnectAttempt}, ` +
    `next retry ${s.nextRetryAt === null ? 'none' : `in ${s.nextRetryAt - Date.now()} ms`}, ` +
    `last error ${s.lastError?.code ?? 'none'}, app: ${user.loggedIn ? 'logged in' : 'logged out'}` +
    `${user.authBusy ? ` (${user.authBusy} in flight)` : ''}, sockets ${user.sockets.live()} (client) / ` +
    `${user.proxy.liveWebSockets()} (proxy)`
  )
}

/**
 * A chaos run: the server in a child process; `engines` users, each through its own fault proxy; a
 * warm-up (all logged in and connected); `seconds` of faults (network faults per proxy, server kills and
 * restarts, app actions, messages); a quiet period (faults off, apps in the foreground and online: every
 * engine that should be connected must be, within the bound); a drain (everyone logged in and connected,
 * every acknowledged message accounted for). Checks run all along; see {@link Violations}.
 */
export async function runChaos(
  options: ChaosOptions,
  log: (line: string) => void,
  timing: ChaosTiming = CHAOS_TIMING,
): Promise<ChaosReport> {
  const runStart = Date.now()
  const violations = new Violations(runStart, 10, (v) =>
    log(`  ! ${v.kind} (at ${(v.at / 1000).toFixed(1)} s): ${v.message}`),
  )
  const releaseErrors = captureErrors(violations)
  const lag = watchLoopLag()
  const random = createRandom(options.seed)
  const faults = new Tally()
  const byUid = new Map<string, ChaosUser>()
  const ledger = new DeliveryLedger((uid, from, to) => {
    // Connected all along, with no freeze on its path: a message stored by `from` had time to arrive
    // before its server process died at `to`.
    const user = byUid.get(uid)
    if (!user || to - from < REACHABLE_AFTER_MS + lag.allowance(from, to)) return false
    const since = user.status.connectedThrough(from, to)
    return since !== null && !user.proxy.frozeBetween(since - timing.connectTimeout, to)
  })
  const chaosTimers = new Timers()
  const world: ChaosWorld = {
    appId: APP_ID,
    authKey: AUTH_KEY,
    timing,
    tracker: new PromiseTracker(
      promiseBounds(timing),
      MARGIN_MS,
      lag.allowance,
      violations,
      Date.now,
      WRONG_CODES,
    ),
    ledger,
    violations,
    actions: new Tally(),
    appTimers: new Timers(),
    chaosTimers,
  }
  const overlaps = new OverlapWatch(OVERLAP_GRACE_MS)
  const users: ChaosUser[] = []
  let server: ChaosServer | null = null
  const intervals: Array<ReturnType<typeof setInterval>> = []
  try {
    // ── warm-up ──
    const port = await freePort()
    server = new ChaosServer(port, SERVER_ARGS, APP_ID, AUTH_KEY, ledger, violations, faults)
    await server.start()
    for (let i = 0; i < options.engines; i++) {
      const uid = `u${i}`
      const proxy = await FaultProxy.start(port, (live) => overlaps.changed(uid, live))
      const mode = random.fork(`mode ${i}`).chance(options.manualShare) ? 'manual' : 'auto'
      const user = new ChaosUser(uid, mode, proxy, random.fork(`user ${i}`), world)
      users.push(user)
      byUid.set(uid, user)
    }
    const manualEngines = users.filter((u) => u.mode === 'manual').length
    log(`${options.engines} engines (${manualEngines} in manual mode), server on port ${port}; logging in…`)
    for (const user of users) user.start()
    if (!(await waitUntil(() => users.every(isConnected), WARM_UP_MS))) {
      const late = users.filter((u) => !isConnected(u))
      throw new Error(
        `warm-up: ${late.length} engines not connected after ${WARM_UP_MS / 1000} s without faults; first: ${stateOf(late[0]!)}`,
      )
    }
    const chaosStart = Date.now()
    const warmUpMs = chaosStart - runStart

    // ── chaos ──
    log(`all connected in ${warmUpMs} ms; faults on for ${options.seconds} s`)
    for (const [i, user] of users.entries()) {
      const acts = random.fork(`actions ${i}`)
      chaosTimers.every(
        () => acts.exponential(options.actionEvery * 1000),
        () => user.act(),
      )
      const network = random.fork(`faults ${i}`)
      chaosTimers.every(
        () => network.exponential(options.faultEvery * 1000),
        () => injectNetworkFault(user.proxy, network, chaosTimers, faults),
      )
      if (options.sendRate > 0) {
        const sends = random.fork(`sends ${i}`)
        chaosTimers.every(
          () => sends.exponential((options.engines / options.sendRate) * 1000),
          () => user.send(`u${(i + sends.int(1, options.engines - 1)) % options.engines}`),
        )
      }
    }
    const kills = random.fork('server')
    const killTimes: number[] = []
    const chaosMsPlanned = options.seconds * 1000
    for (let t = kills.exponential(options.killEvery * 1000); t < chaosMsPlanned - 2_000; ) {
      killTimes.push(t)
      t += kills.exponential(options.killEvery * 1000)
    }
    if (killTimes.length === 0) killTimes.push(kills.between(0.3, 0.7) * chaosMsPlanned)
    for (const t of killTimes)
      chaosTimers.later(t, () =>
        server!.restart(kills.chance(0.25) ? 'SIGUSR2 restart' : 'kill -9', kills.between(200, 2_000)),
      )
    intervals.push(
      setInterval(() => {
        world.tracker.sweep()
        for (const user of users) user.rules.checkHalfOpen(halfOpenBound(timing) + MARGIN_MS, lag.allowance)
        overlaps.check((who, forMs) =>
          violations.add(
            'two sockets (proxy)',
            `${who}'s proxy has seen two WebSockets open or opening for ${forMs} ms (I1): ${stateOf(users.find((u) => u.uid === who)!)}`,
          ),
        )
      }, 250),
      setInterval(() => {
        const t = ((Date.now() - chaosStart) / 1000).toFixed(0)
        const connected = users.filter(isConnected).length
        const sent = ledger.settle().figures
        log(
          `  t=${t}s connected ${connected}/${users.length}, faults ${faults.total()}, server process #${server!.generations.length}, ` +
            `messages ${sent.sent} sent / ${sent.acknowledged} acked, violations ${violations.total()}`,
        )
      }, 5_000),
    )
    await sleep(chaosMsPlanned)
    chaosTimers.stopAll()
    const chaosMs = Date.now() - chaosStart

    // ── quiet: faults off; every engine that should be connected must be, within the bound ──
    await server.settled()
    for (const user of users) user.proxy.calm()
    const quietAt = Date.now()
    for (const user of users) user.calm()
    const boundMs = reconnectBound(timing) + MARGIN_MS
    log(`faults off; engines that should be connected must be within ${boundMs} ms`)
    // The quiet period lasts the bound, and longer while an app is still logging in (its login lifts a
    // disconnect() too) or an engine that should be connected is within its own bound (counted from the
    // app's login or connect() in the quiet period). Then each engine that should be connected must be.
    await waitUntil(
      () => {
        const now = Date.now()
        if (now < quietAt + boundMs) return false
        return users.every(
          (u) =>
            !u.authPending() &&
            (!u.shouldBeConnected() ||
              isConnected(u) ||
              now > u.eligibleAt + boundMs + lag.allowance(u.eligibleAt, now)),
        )
      },
      boundMs + 3 * timing.httpTimeout + 5_000,
    )
    const expected = users.filter((u) => u.shouldBeConnected())
    const connectedAt = new Map<ChaosUser, number>()
    for (const user of expected) {
      if (isConnected(user)) {
        connectedAt.set(user, user.status.changedAt()) // connected since, and still
        continue
      }
      violations.add(
        'not connected after faults',
        `${Date.now() - user.eligibleAt} ms after it should have been connected (bound ${boundMs} ms): ${stateOf(user)}`,
      )
    }
    const notExpected = users.filter((u) => !expected.includes(u))
    for (const user of notExpected)
      if (
        user.engine.getConnectionStatus() !== 'disconnected' ||
        user.proxy.liveWebSockets() + user.sockets.live() > 0
      )
        violations.add(
          'socket while it should be closed',
          `the app logged out or called disconnect(), yet: ${stateOf(user)}`,
        )
    const allConnectedMs =
      connectedAt.size === expected.length
        ? Math.max(0, ...[...connectedAt.values()].map((t) => t - quietAt))
        : null
    // The slowest against its own bound: from when it should have been connected.
    let slowest = { uid: '', ms: 0 }
    for (const [user, at] of connectedAt) {
      const from = Math.max(quietAt, user.eligibleAt)
      const ms = at - from
      if (ms > slowest.ms) slowest = { uid: user.uid, ms }
      if (ms > boundMs + lag.allowance(from, at))
        violations.add(
          'not connected after faults',
          `${user.uid} (${user.mode}) was connected ${ms} ms after it should have been (bound ${boundMs} ms + lag)`,
        )
    }
    const drainAt = Date.now()
    const quietMs = drainAt - quietAt

    // ── drain: everyone logged in and connected, every acknowledged message accounted for ──
    log('drain: every user logs in and connects; waiting for every message')
    for (const user of users) user.gather()
    await waitUntil(() => users.every(isConnected), boundMs + 2 * timing.httpTimeout + 5_000)
    const drainConnected = users.filter(isConnected).length
    for (const user of users)
      if (!isConnected(user))
        violations.add(
          'not connected after faults',
          `in the drain, after logging in and connect(): ${stateOf(user)}`,
        )
    await waitUntil(
      () =>
        world.tracker.pendingCount('sendMessage') === 0 &&
        users.every((u) => !u.catchUpPending()) &&
        ledger.outstanding() === 0,
      timing.sendTimeout + 2 * timing.httpTimeout + 5_000,
      100,
    )
    const drainMs = Date.now() - drainAt

    // ── the end ──
    for (const interval of intervals.splice(0)) clearInterval(interval)
    world.tracker.sweep()
    const { figures: delivery, problems } = ledger.settle()
    for (const problem of problems) violations.add(problem.kind, problem.message)
    world.appTimers.stopAll()
    await Promise.all(users.map((u) => u.finish()))
    const stillPending = world.tracker.pendingCount()
    if (stillPending > 0)
      violations.add(
        'promise never settled',
        `${stillPending} promise(s) pending after logout() and destroy() (I4)`,
      )
    await server.stop()
    if (server.stderrLines.length > 0)
      violations.add('server stderr', server.stderrLines.slice(0, 8).join('\n  '))
    return {
      options,
      timing,
      marginMs: MARGIN_MS,
      manualEngines,
      phases: { warmUpMs, chaosMs, quietMs, drainMs },
      faults,
      actions: world.actions,
      generations: server.generations,
      sockets: {
        proxyWebSockets: users.reduce((n, u) => n + u.proxy.counts.webSockets, 0),
        proxyConnections: users.reduce((n, u) => n + u.proxy.counts.connections, 0),
        created: users.reduce((n, u) => n + u.sockets.created(), 0),
        maxLiveProxy: Math.max(...users.map((u) => u.proxy.counts.maxLive)),
        maxLiveClient: Math.max(...users.map((u) => u.sockets.maxLive())),
        transientOverlaps: overlaps.transient,
        overlapGraceMs: OVERLAP_GRACE_MS,
      },
      promises: world.tracker.figures(),
      delivery,
      quiet: {
        expected: expected.length,
        connected: connectedAt.size,
        allConnectedMs,
        slowest,
        boundMs,
        notExpected: notExpected.length,
      },
      drain: { users: users.length, connected: drainConnected },
      lag: { maxMs: lag.max(), p99Ms: lag.p99() },
      serverStderrLines: server.stderrLines.length,
      violations,
    }
  } finally {
    for (const interval of intervals) clearInterval(interval)
    chaosTimers.stopAll()
    world.appTimers.stopAll()
    for (const user of users) user.engine.destroy()
    await server?.stop().catch(() => {})
    await Promise.all(users.map((u) => u.proxy.close()))
    lag.stop()
    releaseErrors()
  }
}
