import { withCallbacks } from './callbacks.js'
import { type CometChatException, errorOf, invalidArgument } from './errors.js'
import { addListener, eachListener } from './listener-registry.js'
import { nextDeadline } from './machine/deadlines.js'
import type { Effect } from './machine/effects.js'
import type { MachineEvent } from './machine/events.js'
import { initialState, type MachineState, type Session } from './machine/state.js'
import { transition } from './machine/transition.js'
import { toPresenceUser, toTextMessage } from './models.js'
import { loginOverHttp, logoutOverHttp } from './ports/auth.js'
import { browserAppState } from './ports/browser-app-state.js'
import { browserNetwork } from './ports/browser-network.js'
import { realClock } from './ports/clock.js'
import { createSocketPort } from './ports/socket.js'
import { defaultStorage } from './ports/storage.js'
import { createSessionStore } from './session-store.js'
import { DEFAULT_SETTINGS } from './settings.js'
import { createSnapshotBuilder } from './snapshot.js'
import type {
  ConnectionEngine,
  ConnectionEngineOptions,
  ConnectionListener,
  MessageListener,
  TextMessage,
  User,
  UserListener,
} from './types.js'

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
  const clock = platform.clock ?? realClock()
  const random = platform.random ?? Math.random
  const appStateSource = platform.appState ?? browserAppState()
  const networkSource = platform.network ?? browserNetwork()
  const sessions = createSessionStore(platform.storage ?? defaultStorage(), appId)
  const fetchFn = platform.fetch ?? globalThis.fetch?.bind(globalThis)
  const sockets = createSocketPort(platform.WebSocket, settings.serverUrl, appId, (event) => dispatch(event))
  const connectionListeners = new Map<string, ConnectionListener>()
  const messageListeners = new Map<string, MessageListener>()
  const userListeners = new Map<string, UserListener>()
  const subscribers = new Set<() => void>()
  const settlers = new Map<number, Settler>()
  const snapshots = createSnapshotBuilder()
  let state: MachineState = initialState(settings, appStateSource.current(), networkSource.isOnline())
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
    for (const effect of result.effects) perform(effect)
    if (!state.session || state.destroyed) detachPlatform()
    armTimer()
    const moved = before.status !== state.status && {
      event: event.type,
      from: before.status,
      to: state.status,
      at: now,
    }
    if (snapshots.update(state, moved || undefined)) for (const s of [...subscribers]) s()
  }

  function perform(effect: Effect): void {
    switch (effect.type) {
      case 'openSocket':
        return sockets.open(effect.id)
      case 'sendFrame':
        return sockets.send(effect.id, effect.frame)
      case 'closeSocket':
        return sockets.close(effect.id)
      case 'notify': {
        const { method, error } = effect
        return eachListener(connectionListeners, (l) =>
          (l[method] as ((e?: CometChatException) => void) | undefined)?.(error),
        )
      }
      case 'message': {
        const message = toTextMessage(effect.message)
        return eachListener(messageListeners, (l) => l.onTextMessageReceived?.(message))
      }
      case 'presence': {
        const user = toPresenceUser(effect.frame)
        const online = effect.frame.status === 'online'
        return eachListener(userListeners, (l) => (online ? l.onUserOnline : l.onUserOffline)?.(user))
      }
      case 'resolve':
      case 'reject': {
        const settler = settlers.get(effect.req)
        settlers.delete(effect.req)
        if (effect.type === 'reject') settler?.[1](effect.error)
        else settler?.[0](effect.value && toTextMessage(effect.value))
        return
      }
      case 'clearSession':
        sessions.clear().catch(() => {})
    }
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
                dispatch({ type: 'tick' })
              },
              Math.max(0, at - clock.now()),
            ),
          }
  }

  /** App state and network subscriptions exist only while a user is logged in (I3). */
  function attachPlatform(): void {
    if (unsubscribePlatform || state.destroyed) return
    // The sources may have changed while nobody listened: catch up before subscribing.
    dispatch({ type: 'appState', state: appStateSource.current() })
    dispatch({ type: 'network', online: networkSource.isOnline() })
    unsubscribePlatform = [
      appStateSource.subscribe((s) => dispatch({ type: 'appState', state: s })),
      networkSource.subscribe((online) => dispatch({ type: 'network', online })),
    ]
  }

  function detachPlatform(): void {
    const list = unsubscribePlatform
    unsubscribePlatform = null
    for (const u of list ?? []) u()
  }

  /** Logins and logouts run one at a time, in call order. */
  function serialise<T>(run: () => Promise<T>): Promise<T> {
    const result = authChain.then(() => {
      assertAlive()
      return run()
    })
    authChain = result.catch(() => {})
    return result
  }

  /** Sends a request event into the machine; the promise settles on its resolve/reject effect. */
  function request<T = void>(make: (req: number) => MachineEvent): Promise<T> {
    const send = () =>
      new Promise<T>((resolve, reject) => {
        const req = nextReq++
        settlers.set(req, [resolve as (v: unknown) => void, reject])
        dispatch(make(req))
      })
    // Once initialised, the event goes in synchronously: `connect()` shows `connecting` at once.
    return initialized ? send() : ready().then(send)
  }

  async function storageStep<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (cause) {
      throw errorOf('ERR_STORAGE_ERROR', `(${what})`, { cause })
    }
  }

  const engine: ConnectionEngine = {
    init() {
      if (state.destroyed) return Promise.reject(errorOf('ERR_ENGINE_DESTROYED'))
      initPromise ??= storageStep('reading the saved session', sessions.load).then(
        (session) => {
          if (session) attachPlatform()
          dispatch({ type: 'restore', session })
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
      const run = async (): Promise<User> => {
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
        const session: Session = await loginOverHttp(fetchFn, settings.serverUrl, appId, credentials)
        assertAlive()
        await storageStep('saving the session', () => sessions.save(session)) // B1: saved, then the socket
        assertAlive()
        attachPlatform()
        dispatch({ type: 'login', session })
        return snapshots.current.user!
      }
      return withCallbacks(serialise(run), callbacks)
    },

    logout(callbacks) {
      const run = async (): Promise<void> => {
        await ready()
        const session = state.session
        dispatch({ type: 'logout' })
        await storageStep('removing the saved session', sessions.clear)
        // Revoking the token is best effort: being offline must not keep a user logged in.
        if (session && fetchFn)
          logoutOverHttp(fetchFn, settings.serverUrl, appId, session.authToken).catch(() => {})
      }
      return withCallbacks(serialise(run), callbacks)
    },

    async getLoggedInUser() {
      await ready()
      return snapshots.current.user
    },

    connect: (callbacks) =>
      withCallbacks(
        request((req) => ({ type: 'connect', req })),
        callbacks,
      ),
    disconnect: (callbacks) =>
      withCallbacks(
        request((req) => ({ type: 'disconnect', req })),
        callbacks,
      ),
    ping: (callbacks) =>
      withCallbacks(
        request((req) => ({ type: 'ping', req })),
        callbacks,
      ),

    sendMessage(receiver, text, callbacks) {
      const bad =
        typeof receiver !== 'string' || !receiver
          ? invalidArgument('receiver uid', 'a non-empty string', receiver)
          : typeof text !== 'string' || !text.trim()
            ? invalidArgument('message text', 'a non-empty string', text)
            : null
      const p = bad
        ? Promise.reject(bad)
        : request<TextMessage>((req) => ({ type: 'send', req, receiver, text }))
      return withCallbacks(p, callbacks)
    },

    getConnectionStatus: () => state.status,

    addConnectionListener(id, listener) {
      assertAlive()
      addListener(connectionListeners, 'connection', id, listener)
    },
    removeConnectionListener: (id) => void connectionListeners.delete(id),
    addMessageListener(id, listener) {
      assertAlive()
      addListener(messageListeners, 'message', id, listener)
    },
    removeMessageListener: (id) => void messageListeners.delete(id),
    addUserListener(id, listener) {
      assertAlive()
      addListener(userListeners, 'user', id, listener)
    },
    removeUserListener: (id) => void userListeners.delete(id),

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
      dispatch({ type: 'destroy' })
      detachPlatform()
      for (const registry of [connectionListeners, messageListeners, userListeners, subscribers])
        registry.clear()
    },
  }
  return engine
}
