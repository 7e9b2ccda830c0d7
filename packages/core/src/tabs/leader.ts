import { forwardListener } from '../bindings.js'
import { createConnectionEngine } from '../engine.js'
import { invalidArgument } from '../errors.js'
import { createControllableAppState } from '../ports/controllable.js'
import type { Clock, ConnectionEngineOptions, ConnectionSnapshot, NetworkSource } from '../types.js'
import { recentIds } from './recent-ids.js'
import {
  ACTIONS,
  type Action,
  errorToWire,
  type Kind,
  snapshotToWire,
  type TabMessage,
  type WireError,
} from './wire.js'

/** What the leader needs from its tab. */
export interface LeaderContext {
  /** The engine's options; its app state is replaced by the app-wide one. */
  readonly options: ConnectionEngineOptions
  readonly clock: Clock
  readonly network: NetworkSource
  /** This tab's id. */
  readonly tab: string
  /** The leadership's term, on every message (see wire.ts); it may grow while leading. */
  term(): number
  /** The last snapshot of the former leader, or null: the intent to carry over. */
  readonly previous: ConnectionSnapshot | null
  /** Whether the app as a whole is in the foreground (at least one live tab is visible). */
  foreground(): boolean
  /** Posts to every other tab. */
  post(message: TabMessage): void
  /** Delivers a listener event in this tab. */
  emit(kind: Kind, method: string, arg: unknown): void
  /** Shows a snapshot in this tab. */
  publish(snap: ConnectionSnapshot, lastId: string | null, token: string | null): void
}

/** The answer to a call: an error, or the value. */
export type Reply = (error: WireError | undefined, value?: unknown) => void

/** The leader's side: the one real engine, run for every tab. */
export interface Leader {
  /** Runs `action` once per call id (a call may arrive twice: re-sent after a leader change). */
  call(id: string, action: Action, args: unknown[], reply: Reply): void
  /** Answers a call that came over the channel: acknowledged at once, answered when settled. */
  handle(message: Extract<TabMessage, { t: 'call' }>): void
  /** Posts `lead` and (once ready) the snapshot, for a tab that joined. */
  announce(): void
  /** The app's visibility may have changed. */
  appStateChanged(): void
  /** Calls or sends are in flight: a hand-over would cut them. */
  busy(): boolean
  /** Stops: the engine is destroyed (its socket closed); calls in flight are no longer answered. */
  stop(): void
}

/**
 * Starts leading: creates the one real engine with the app-wide app state, restores the session from
 * the shared storage (which resumes the stream from the position the former leader saved), carries over
 * what the app asked for (a `disconnect()` in auto mode, a `connect()` in manual mode), then publishes
 * its snapshot and listener events to every tab.
 */
export function startLeader(ctx: LeaderContext): Leader {
  const { tab, previous: p, clock, network, post } = ctx
  // Auto mode after disconnect(): hold the app in the background until that is carried over, so the
  // restored session does not open a socket only to close it.
  let gated = !!p?.user && p.mode === 'auto' && p.intent === 'idle'
  const appState = createControllableAppState('background')
  const changed = () => appState.set(!gated && ctx.foreground() ? 'foreground' : 'background')
  changed()
  const real = createConnectionEngine({
    ...ctx.options,
    platform: { ...ctx.options.platform, appState, network, clock },
  })
  let answering = true
  let live = true
  let ready = false
  let inFlight = 0
  let touched = false // the app acted on the connection itself: nothing left to carry over
  let stopWaiting: (() => void) | undefined
  const fresh = recentIds()

  const snapMessage = (): TabMessage => ({
    t: 'snap',
    from: tab,
    term: ctx.term(),
    snap: snapshotToWire(real.getSnapshot()),
    lastId: real.getLastDeliveredMessageId(),
    token: real.getUserAuthToken(),
  })
  const publish = () => {
    if (!ready) return
    post(snapMessage())
    ctx.publish(real.getSnapshot(), real.getLastDeliveredMessageId(), real.getUserAuthToken())
  }

  // Every listener event of the engine goes to every tab: one forwarder per kind, whose handler for
  // any method name posts it and delivers it here.
  for (const kind of ['Connection', 'Message', 'User'] as const) {
    const to = kind.toLowerCase() as Kind
    const handlers = new Proxy(
      {},
      {
        get: (_, method: string) => (arg: unknown) => {
          if (!live) return
          const wire = method === 'onConnectionError' ? errorToWire(arg) : arg
          post({ t: 'evt', from: tab, term: ctx.term(), kind: to, method, arg: wire })
          ctx.emit(to, method, arg)
        },
      },
    )
    forwardListener(real, kind, () => handlers)
  }
  real.subscribe(publish)

  const started = (async () => {
    try {
      await real.init()
      if (gated) await real.disconnect()
    } catch {
      // A storage failure: the app's own calls retry init() and report it.
    }
    gated = false
    changed()
    ready = true
    publish()
    const manual = real.getSnapshot().mode === 'manual'
    if (manual && p?.user && p.intent === 'connect' && (p.backgroundDeadline ?? Infinity) > clock.now()) {
      // The app had connect() in force: keep it so (once online, as the former leader would have).
      const reconnect = () => !touched && live && real.connect().catch(() => {})
      if (network.isOnline()) reconnect()
      else
        stopWaiting = network.subscribe((online) => {
          if (!online) return
          stopWaiting?.()
          reconnect()
        })
    }
  })()

  const leader: Leader = {
    call(id, action, args, reply) {
      if (!fresh(id)) return
      if (action !== 'getLoggedInUser' && action !== 'init' && action !== 'ping' && action !== 'sendMessage')
        touched = true
      inFlight++
      started
        .then(() => (real[action] as (...a: unknown[]) => Promise<unknown>)(...args))
        .then(
          (value) => answering && reply(undefined, value),
          (e: unknown) => answering && reply(errorToWire(e)),
        )
        .finally(() => inFlight--)
    },
    handle({ from, id, action, args }) {
      const reply: Reply = (error, value) =>
        post({ t: 'res', from: tab, term: ctx.term(), to: from, id, ...(error ? { error } : { value }) })
      if (!ACTIONS.includes(action) || !Array.isArray(args))
        return reply(
          errorToWire(invalidArgument('call from another tab', 'one of the engine actions', action)),
        )
      post({ t: 'ack', from: tab, term: ctx.term(), to: from, id })
      leader.call(id, action, args, reply)
    },
    announce() {
      post({ t: 'lead', from: tab, term: ctx.term() })
      if (ready) post(snapMessage())
    },
    appStateChanged: changed,
    busy: () => inFlight > 0 || real.getSnapshot().pendingSends > 0,
    stop() {
      answering = false // what destroy() does to calls in flight is not their outcome: the next leader's is
      stopWaiting?.()
      real.destroy() // its last events (disconnected) still reach the tabs
      live = false
    },
  }
  return leader
}
