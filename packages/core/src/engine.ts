import { withCallbacks } from './callbacks.js'
import { type CometChatException, errorOf, invalidArgument } from './errors.js'
import { addListener, callListeners } from './listener-registry.js'
import { nextDeadline } from './machine/deadlines.js'
import type { EffectArgs, ListenerMaps } from './machine/effects.js'
import type { MachineEvent } from './machine/events.js'
import { initialState, type MachineState } from './machine/state.js'
import { transition } from './machine/transition.js'
import { loginOverHttp, logoutOverHttp } from './ports/auth.js'
import { browserAppState } from './ports/browser-app-state.js'
import { browserNetwork } from './ports/browser-network.js'
import { realClock } from './ports/clock.js'
import { createSocketPort } from './ports/socket.js'
import { defaultStorage } from './ports/storage.js'
import { createSessionStore } from './session-store.js'
import { DEFAULT_SETTINGS } from './settings.js'
import { createSnapshotBuilder } from './snapshot.js'
import type { Callbacks, ConnectionEngine, ConnectionEngineOptions } from './types.js'

type Settler = [resolve: (value: unknown) => void, reject: (error: CometChatException) => void]

/**
 * Creates a connection engine: the imperative shell around the pure state machine. It feeds platform
 * events in and performs the machine's effects through the ports.
 *
 * @example
 * ```ts
 * import { createConnectionEngine, AppSettingsBuilder } from '@cometchat-connection/core'
 *
 * const engine = createConnectionEngine({
 *   appId: 'demo-app',
 *   settings: new AppSettingsBuilder().setServerUrl('http://localhost:4455').build(),
 * })
 * engine.addConnectionListener('ui', { onConnected: () => console.log('connected') })
 * await engine.init()
 * await engine.login('alice', 'demo-auth-key') // auto mode: the socket opens by itself
 * ```
 * @throws CometChatException `ERR_INVALID_ARGUMENT` when `appId` is empty or the options are malformed.
 */
export function createConnectionEngine(options: ConnectionEngineOptions): ConnectionEngine {
  if (typeof options !== 'object' || !options)
    throw invalidArgument('options', 'an object like { appId }', options)
  const { appId, settings = DEFAULT_SETTINGS, platform = {} } = options
  if (typeof appId !== 'string' || !appId.trim()) throw invalidArgument('appId', 'a non-empty string', appId)
  if (typeof settings?.backgroundTimeout !== 'number') {
    throw invalidArgument('settings', 'the result of new AppSettingsBuilder().build()', settings)
  }
  const {
    clock = realClock(),
    random = Math.random,
    appState: appStates = browserAppState(),
    network = browserNetwork(),
    fetch: fetchFn = globalThis.fetch?.bind(globalThis),
    storage = defaultStorage(),
  } = platform
  const sessions = createSessionStore(storage, appId)
  const sockets = createSocketPort(platform.WebSocket, settings.serverUrl, appId, (event) => dispatch(event))
  const listeners: { [K in keyof ListenerMaps]: Map<string, ListenerMaps[K]> } = {
    connection: new Map(),
    message: new Map(),
    user: new Map(),
  }
  const subscribers = new Set<() => void>()
  const settlers = new Map<number, Settler>()
  const snapshots = createSnapshotBuilder()
  let state: MachineState = initialState(settings, appStates.current(), network.isOnline())
  let nextReq = 1
  let timer: { handle: unknown; at: number } | null = null
  let unsubscribePlatform: Array<() => void> | null = null
  let initPromise: Promise<boolean> | null = null
  let initialized = false
  let authChain: Promise<unknown> = Promise.resolve()
  const queue: MachineEvent[] = []
  let dispatching = false
  snapshots.update(state, null)

  const assertAlive = () => {
    if (state.destroyed) throw errorOf('ERR_ENGINE_DESTROYED')
  }
  const ready = () => initPromise ?? engine.init()

  /** The shell's side of each effect the machine emits (effects.ts). */
  const ports: { [K in keyof EffectArgs]: (...args: EffectArgs[K]) => void } = {
    ...sockets,
    call: (kind, method, arg) => callListeners<object>(listeners[kind], method, arg),
    settle(req, error, value) {
      const settler = settlers.get(req)
      settlers.delete(req)
      if (error) settler?.[1](error)
      else settler?.[0](value)
    },
    clearSession: () => void sessions.clear().catch(() => {}),
  }

  /** Feeds one event through the machine. Re-entrant calls (from listeners) are queued, in order. */
  function dispatch(event: MachineEvent): void {
    queue.push(event)
    if (dispatching) return
    dispatching = true
    try {
      for (let next = queue.shift(); next; next = queue.shift()) step(next)
    } finally {
      dispatching = false
    }
  }

  function step(event: MachineEvent): void {
    const before = state
    const now = clock.now()
    const result = transition(before, event, { now, random: random() })
    state = result.state
    for (const [name, ...args] of result.effects) (ports[name] as (...a: unknown[]) => void)(...args)
    if (!state.session || state.destroyed) detachPlatform()
    armTimer()
    const moved = before.status !== state.status && {
      event: event[0],
      from: before.status,
      to: state.status,
      at: now,
    }
    if (snapshots.update(state, moved || undefined)) for (const s of [...subscribers]) s()
  }

  /** One timer, at the machine's earliest deadline; none when nothing is due (I3). */
  function armTimer(): void {
    const at = state.destroyed ? null : nextDeadline(state)
    if (timer?.at === at) return
    if (timer) clock.clearTimeout(timer.handle)
    timer =
      at === null
        ? null
        : {
            at,
            handle: clock.setTimeout(
              () => {
                timer = null
                dispatch(['tick'])
              },
              Math.max(0, at - clock.now()),
            ),
          }
  }

  /** App state and network subscriptions exist only while a user is logged in (I3). */
  function attachPlatform(): void {
    if (unsubscribePlatform || state.destroyed) return
    // The sources may have changed while nobody listened: catch up before subscribing.
    dispatch(['appState', appStates.current()])
    dispatch(['network', network.isOnline()])
    unsubscribePlatform = [
      appStates.subscribe((s) => dispatch(['appState', s])),
      network.subscribe((online) => dispatch(['network', online])),
    ]
  }

  function detachPlatform(): void {
    const list = unsubscribePlatform
    unsubscribePlatform = null
    for (const u of list ?? []) u()
  }

  /** Logins and logouts run one at a time, in call order. */
  function serialise<T>(run: () => Promise<T>, callbacks: Callbacks<T> | undefined): Promise<T> {
    const result = authChain.then(() => {
      assertAlive()
      return run()
    })
    authChain = result.catch(() => {})
    return withCallbacks(result, callbacks)
  }

  /**
   * Sends a request event into the machine; the promise settles on its `settle` effect. Once
   * initialised, the event goes in synchronously: `connect()` shows `connecting` at once.
   */
  function request<T = void>(
    make: (req: number) => MachineEvent,
    callbacks: Callbacks<T> | undefined,
  ): Promise<T> {
    const send = () =>
      new Promise<T>((resolve, reject) => {
        assertAlive() // a destroyed machine ignores events: reject here, never hang (I4)
        const req = nextReq++
        settlers.set(req, [resolve as (v: unknown) => void, reject])
        dispatch(make(req))
      })
    return withCallbacks(initialized ? send() : ready().then(send), callbacks)
  }

  async function storageStep<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (cause) {
      throw errorOf('ERR_STORAGE_ERROR', `(${what})`, { cause })
    }
  }

  /** `add…Listener` and `remove…Listener` of one kind. */
  const registry = <K extends keyof ListenerMaps>(kind: K) =>
    [
      (id: string, listener: ListenerMaps[K]) => {
        assertAlive()
        addListener(listeners[kind], kind, id, listener)
      },
      (id: string) => void listeners[kind].delete(id),
    ] as const
  const [addConnectionListener, removeConnectionListener] = registry('connection')
  const [addMessageListener, removeMessageListener] = registry('message')
  const [addUserListener, removeUserListener] = registry('user')

  const engine: ConnectionEngine = {
    init() {
      if (state.destroyed) return Promise.reject(errorOf('ERR_ENGINE_DESTROYED'))
      initPromise ??= storageStep('reading the saved session', sessions.load).then(
        (session) => {
          if (session) attachPlatform()
          dispatch(['restore', session])
          initialized = true
          return true
        },
        (error: unknown) => {
          initPromise = null // a storage that failed once may work next time: let init() retry
          throw error
        },
      )
      return initPromise
    },

    login(uidOrAuthToken, authKey, callbacks) {
      return serialise(async () => {
        if (typeof uidOrAuthToken !== 'string' || !uidOrAuthToken.trim()) {
          throw invalidArgument('uid or auth token', 'a non-empty string', uidOrAuthToken)
        }
        if (authKey !== undefined && (typeof authKey !== 'string' || !authKey)) {
          throw invalidArgument(
            'auth key',
            'a non-empty string, or nothing to log in with an auth token',
            authKey,
          )
        }
        await ready()
        if (!fetchFn) throw invalidArgument('platform.fetch', 'a fetch implementation', fetchFn)
        const credentials =
          authKey === undefined ? { authToken: uidOrAuthToken } : { uid: uidOrAuthToken, authKey }
        const session = await loginOverHttp(fetchFn, settings.serverUrl, appId, credentials)
        assertAlive()
        await storageStep('saving the session', () => sessions.save(session)) // B1: saved, then the socket
        assertAlive()
        attachPlatform()
        dispatch(['login', session])
        return snapshots.current.user!
      }, callbacks)
    },

    logout(callbacks) {
      return serialise(async () => {
        await ready()
        const session = state.session
        dispatch(['logout'])
        await storageStep('removing the saved session', sessions.clear)
        // Revoking the token is best effort: being offline must not keep a user logged in.
        if (session && fetchFn)
          logoutOverHttp(fetchFn, settings.serverUrl, appId, session.authToken).catch(() => {})
      }, callbacks)
    },

    async getLoggedInUser() {
      await ready()
      return snapshots.current.user
    },

    connect: (callbacks) => request((req) => ['connect', req], callbacks),
    disconnect: (callbacks) => request((req) => ['disconnect', req], callbacks),
    ping: (callbacks) => request((req) => ['ping', req], callbacks),

    sendMessage(receiver, text, callbacks) {
      const bad =
        typeof receiver !== 'string' || !receiver
          ? invalidArgument('receiver uid', 'a non-empty string', receiver)
          : typeof text !== 'string' || !text.trim()
            ? invalidArgument('message text', 'a non-empty string', text)
            : null
      return bad
        ? withCallbacks(Promise.reject(bad), callbacks)
        : request((req) => ['send', req, receiver, text], callbacks)
    },

    getConnectionStatus: () => state.status,
    addConnectionListener,
    removeConnectionListener,
    addMessageListener,
    removeMessageListener,
    addUserListener,
    removeUserListener,
    getSnapshot: () => snapshots.current,

    subscribe(onChange) {
      if (typeof onChange !== 'function') throw invalidArgument('subscribe callback', 'a function', onChange)
      if (state.destroyed) return () => {}
      const entry = () => onChange() // a fresh entry per call, so the same function can subscribe twice
      subscribers.add(entry)
      return () => void subscribers.delete(entry)
    },

    destroy() {
      if (state.destroyed) return
      dispatch(['destroy'])
      detachPlatform()
      for (const registry of [...Object.values(listeners), subscribers]) registry.clear()
    },
  }
  return engine
}
