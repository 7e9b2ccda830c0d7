/**
 * `@cometchat-connection/core/tabs`: one connection for all the tabs of an app. A separate entry point,
 * so an app with one socket per tab ships none of it.
 *
 * @packageDocumentation
 */
import { createConnectionEngine } from '../engine.js'
import { invalidArgument } from '../errors.js'
import type { ConnectionEngine, ConnectionEngineOptions } from '../types.js'
import { browserLifecycle, type TabsOptions } from './ports.js'
import { SharedEngine } from './shared-engine.js'

export { NO_LEADER_TAB } from './calls.js'
export type {
  LockManagerLike,
  PageLifecycleEvent,
  PageLifecycleSource,
  TabChannelLike,
  TabsOptions,
} from './ports.js'
export { browserLifecycle } from './ports.js'

/**
 * This tab's part in the shared connection: `leader` (it holds the socket for every tab), `follower`
 * (another tab does), or `own` (an engine with its own socket: `createConnectionEngine`, or the
 * fallback where tabs cannot share). For a UI or a log line; it changes when leadership moves, which
 * always comes with a new snapshot.
 */
export function tabRole(engine: ConnectionEngine): 'leader' | 'follower' | 'own' {
  return engine instanceof SharedEngine ? (engine.leading ? 'leader' : 'follower') : 'own'
}

/** Options of {@link createSharedConnectionEngine}: those of `createConnectionEngine`, plus `tabs`. */
export interface SharedConnectionEngineOptions extends ConnectionEngineOptions {
  /** How the tabs find each other; every field has a browser default. */
  tabs?: TabsOptions
}

function ms(what: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    throw invalidArgument(`tabs.${what}`, `a finite number of milliseconds ≥ ${min}`, value)
  return value
}

/**
 * Creates an engine whose tabs share one connection. Every tab of the app (same origin, same `appId`)
 * creates one; the tab holding the app's Web Lock (the leader) runs the one real socket, and the others
 * mirror its snapshot and listener events and send it their actions over a `BroadcastChannel`. It
 * returns a `ConnectionEngine`, so the React, Vue and Angular adapters take it unchanged.
 *
 * The engine's rules apply to the app as a whole: the app is in the background only when every tab is
 * hidden (or frozen), so auto mode closes the socket when the last visible tab hides and reopens it when
 * any tab shows, and manual mode's grace period starts when the last tab hides (a `ping()` from any tab
 * extends it). Each tab delivers every message once; login and logout in one tab apply to all.
 *
 * Where the Web Locks API or `BroadcastChannel` is missing (and no `tabs` ports are given), it returns
 * a plain `createConnectionEngine(options)`: each tab keeps its own socket, as without this entry.
 * Nothing happens until `init()` (or the first action): no lock, no channel.
 *
 * @example
 * ```ts
 * import { AppSettingsBuilder } from '@cometchat-connection/core'
 * import { createSharedConnectionEngine } from '@cometchat-connection/core/tabs'
 *
 * const engine = createSharedConnectionEngine({
 *   appId: 'demo-app',
 *   settings: new AppSettingsBuilder().setServerUrl('https://chat.example.com').build(),
 * })
 * await engine.init() // joins the other tabs; the leader restores the session and connects
 * ```
 * @throws CometChatException `ERR_INVALID_ARGUMENT` for what `createConnectionEngine` refuses, or a
 *   `tabs` timing that is not a positive number of milliseconds.
 */
export function createSharedConnectionEngine(options: SharedConnectionEngineOptions): ConnectionEngine {
  // Checks the options as the plain engine does, and is the fallback (before init() it holds nothing:
  // no socket, timer or subscription, so dropping it costs nothing).
  const engine = createConnectionEngine(options)
  const tabs = options.tabs ?? {}
  if (typeof tabs !== 'object') throw invalidArgument('tabs', 'an object of tab ports and timings', tabs)
  const heartbeatMs = ms('heartbeatMs', tabs.heartbeatMs, 1_000, 1)
  const handoverDelayMs = ms('handoverDelayMs', tabs.handoverDelayMs, 30_000, 0)
  const port = (what: string, value: unknown, methods: string[]) => {
    if (
      value !== undefined &&
      !methods.every((m) => typeof (value as Record<string, unknown>)?.[m] === 'function')
    )
      throw invalidArgument(`tabs.${what}`, `an object with ${methods.join(', ')}`, value)
  }
  port('locks', tabs.locks, ['request'])
  port('channel', tabs.channel, ['postMessage', 'close'])
  port('lifecycle', tabs.lifecycle, ['subscribe'])
  const locks = tabs.locks ?? globalThis.navigator?.locks
  const name = `cometchat-connection:${options.appId}`
  const openChannel =
    tabs.channel !== undefined
      ? () => tabs.channel!
      : typeof BroadcastChannel === 'function'
        ? () => new BroadcastChannel(name)
        : null
  if (!locks || !openChannel) return engine
  return new SharedEngine({
    options,
    name,
    locks,
    openChannel,
    lifecycle: tabs.lifecycle ?? browserLifecycle(),
    heartbeatMs,
    handoverDelayMs,
  })
}
