// The playground's model: two engines on one transport, the platform sources the main engine listens
// to, the server controls and the timeline. The view only reads its state and calls its methods.
import {
  AppSettingsBuilder,
  type ConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
  type TextMessage,
} from '@cometchat-connection/core'
import {
  MIN_TIMEOUT_MS,
  type PlaygroundController,
  type PlaygroundOptions,
  type PlaygroundTimings,
} from './controller-api.js'
import { checkInboxWindow, DEFAULT_INBOX_WINDOW } from './delivery.js'
import { createDeliveryActions } from './delivery-actions.js'
import { type ErrorInfo, recovered, toErrorInfo } from './errors.js'
import { appendLine, CHAT_LIMIT, chatLineOf, idleSnapshot, type PlaygroundState } from './state.js'
import { createStore } from './store.js'
import { prependEntry, type TimelineKind } from './timeline.js'
import { checkTiming, initialTimings, TIMING_NAMES } from './timings.js'
import { createTransport } from './transport.js'
import { createWiredEngine, type EngineHooks } from './wired-engine.js'

export type { PlaygroundController, PlaygroundOptions, PlaygroundTimings } from './controller-api.js'
export {
  MIN_TIMEOUT_MS,
  PLAYGROUND_HEARTBEAT_INTERVAL_MS,
  PLAYGROUND_PONG_TIMEOUT_MS,
} from './controller-api.js'

/**
 * Creates the playground's model. Pure until {@link PlaygroundController.start}: constructing it opens
 * nothing, so a React StrictMode double render costs nothing.
 */
export function createPlaygroundController(options: PlaygroundOptions = {}): PlaygroundController {
  const appId = options.appId ?? 'demo-app'
  const authKey = options.authKey ?? 'demo-auth-key'
  const users = options.users?.length ? [...options.users] : ['alice', 'carol', 'dave']
  const peerUid = options.peerUid ?? 'bob'
  const inboxWindow =
    options.inboxMaxEvents === undefined ? DEFAULT_INBOX_WINDOW : checkInboxWindow(options.inboxMaxEvents)
  const transportOf = (inboxMaxEvents: number) =>
    createTransport({
      serverUrl: options.serverUrl,
      appId,
      authKey,
      latencyMs: options.latencyMs ?? 40,
      inboxMaxEvents,
    })
  // Replaced, with the storages, when the in-page server restarts (setInboxWindow).
  let transport = transportOf(inboxWindow)
  const appState = createControllableAppState('foreground')
  const network = createControllableNetwork(true)
  let storage = createMemoryStorage()
  let peerStorage = createMemoryStorage()
  const mode = options.mode ?? 'auto'
  // Checked up front, as `setTimings` checks them: a bad option fails here, not in start().
  const timings = initialTimings(options)
  let main: ConnectionEngine | null = null
  let peer: ConnectionEngine | null = null
  let pingTimer: ReturnType<typeof setInterval> | null = null
  let nextEntryId = 1
  let messageNo = 1

  const store = createStore<PlaygroundState>({
    startedAt: Date.now(),
    transport: transport.kind,
    serverUrl: transport.kind === 'server' ? transport.serverUrl : null,
    mode,
    ...timings,
    uid: users[0]!,
    users,
    peerUid,
    snapshot: idleSnapshot(mode),
    peerSnapshot: idleSnapshot('auto'),
    serverRunning: true,
    linkStalled: false,
    autoPing: false,
    autoPingIntervalMs: options.autoPingIntervalMs ?? 10_000,
    lastError: null,
    timeline: [],
    inbox: [],
    peerInbox: [],
    presence: {},
    sent: [],
    inboxWindow: transport.kind === 'in-page' ? inboxWindow : null,
    continuity: null,
    catchUp: null,
    sentCount: 0,
    peerSentCount: 0,
    engineGeneration: 0,
  })
  const { update } = store
  /** The current state (a getter: `update` replaces the object). */
  const current = () => store.get()
  const log = (kind: TimelineKind, text: string, code?: string) =>
    update({
      timeline: prependEntry(current().timeline, {
        id: nextEntryId++,
        at: Date.now(),
        kind,
        text,
        ...(code && { code }),
      }),
    })
  const fail = (info: ErrorInfo, isMain: boolean) => {
    log('error', `${isMain ? '' : `${peerUid}: `}${info.source} → ${info.code}: ${info.message}`, info.code)
    if (isMain) update({ lastError: info })
  }
  const delivery = createDeliveryActions({
    store,
    log,
    fail: (info) => fail(info, true),
    main: () => main,
    fetch: () => transport.fetch,
  })

  /** A message delivered to one user's listener: live, or replayed by a resume (shown as recovered). */
  const received = (list: 'inbox' | 'peerInbox', m: TextMessage) => {
    const line = chatLineOf(m, m.replayed ? 'replayed' : 'live', Date.now())
    update({ [list]: appendLine(current()[list], line, CHAT_LIMIT) })
    log('message', `${m.receiver} ← ${m.sender}: ${m.text}${m.replayed ? ' (recovered)' : ''}`)
  }

  /** Runs an engine call; a result from an engine that was replaced meanwhile is ignored. */
  async function act<T>(
    label: string,
    pick: () => ConnectionEngine | null,
    run: (engine: ConnectionEngine) => Promise<T>,
    onOk?: (value: T) => void,
  ): Promise<void> {
    const engine = pick()
    if (!engine) return
    const isMain = engine === main
    try {
      const value = await run(engine)
      if (engine !== main && engine !== peer) return
      if (onOk) onOk(value)
      else log('action', `${isMain ? '' : `${peerUid}: `}${label} ✓`)
    } catch (error) {
      if (engine !== main && engine !== peer) return
      fail(toErrorInfo(error, label, Date.now()), isMain)
    }
  }

  const onMain = <T>(label: string, run: (e: ConnectionEngine) => Promise<T>, onOk?: (value: T) => void) =>
    act(label, () => main, run, onOk)

  const onPeer = <T>(label: string, run: (e: ConnectionEngine) => Promise<T>, onOk?: (value: T) => void) =>
    act(label, () => peer, run, onOk)

  const mainHooks = (engine: () => ConnectionEngine | null): EngineHooks => ({
    onStatus: (status) => {
      log('status', status)
      // An error from before a recovery is history now: shown as past, not next to `connected`.
      const { lastError } = current()
      if (status === 'connected' && lastError && engine() === main)
        update({ lastError: recovered(lastError, Date.now()) })
    },
    onError: (error) => fail(toErrorInfo(error, 'onConnectionError', Date.now()), true),
    onThrottled: () => log('server', 'onFeatureThrottled: the server throttled a feature'),
    onResumed: ({ replayed }) => log('delivery', `onResumed: ${replayed} missed message(s) replayed`),
    onContinuityLost: (info) => {
      if (engine() === main) delivery.continuityLost(info)
    },
    onMessage: (m) => received('inbox', m),
    onPresence: (u) => {
      update({ presence: { ...current().presence, [u.uid]: u.status } })
      log('presence', `${u.uid} is ${u.status}`)
    },
    onSnapshot: (s) => {
      if (engine() === main) update({ snapshot: s })
    },
  })

  function createMain(): void {
    let self: ConnectionEngine | null = null
    const settings = new AppSettingsBuilder()
      .setServerUrl(transport.serverUrl)
      .subscribePresenceForAllUsers()
      .autoEstablishSocketConnection(current().mode === 'auto')
      .setBackgroundTimeout(current().backgroundTimeoutMs)
      .setHeartbeatInterval(current().heartbeatIntervalMs)
      .setPongTimeout(current().pongTimeoutMs)
      .build()
    self = createWiredEngine(
      { appId, transport, settings, appState, network, storage },
      mainHooks(() => self),
    )
    main = self
    update({ snapshot: self.getSnapshot(), engineGeneration: current().engineGeneration + 1, presence: {} })
    const created = self
    created.init().then(
      async () => {
        const user = created === main ? await created.getLoggedInUser() : null
        if (user) log('action', `init() restored the session of ${user.uid}`)
      },
      (error: unknown) => fail(toErrorInfo(error, 'init()', Date.now()), true),
    )
  }

  function createPeer(): void {
    let self: ConnectionEngine | null = null
    const settings = new AppSettingsBuilder()
      .setServerUrl(transport.serverUrl)
      .subscribePresenceForAllUsers()
      .setHeartbeatInterval(current().heartbeatIntervalMs)
      .setPongTimeout(current().pongTimeoutMs)
      .build()
    self = createWiredEngine(
      {
        appId,
        transport,
        settings,
        // The second user is another device: always in the foreground and online.
        appState: createControllableAppState('foreground'),
        network: createControllableNetwork(true),
        storage: peerStorage,
      },
      {
        onStatus: (status) => log('status', `${peerUid}: ${status}`),
        onError: (error) => fail(toErrorInfo(error, 'onConnectionError', Date.now()), false),
        onThrottled: () => log('server', `${peerUid}: onFeatureThrottled`),
        onResumed: ({ replayed }) => log('delivery', `${peerUid}: onResumed: ${replayed} replayed`),
        onContinuityLost: ({ reason }) => log('delivery', `${peerUid}: onContinuityLost: ${reason}`),
        onMessage: (m) => received('peerInbox', m),
        onPresence: () => {},
        onSnapshot: (s) => {
          if (self === peer) update({ peerSnapshot: s })
        },
      },
    )
    peer = self
    update({ peerSnapshot: self.getSnapshot() })
  }

  function recreateMain(why: string): void {
    if (!main) return
    main.destroy()
    createMain()
    const { mode, backgroundTimeoutMs, heartbeatIntervalMs, pongTimeoutMs } = current()
    log(
      'environment',
      `engine re-created (${why}): ${mode} mode, background timeout ${backgroundTimeoutMs} ms, ` +
        `heartbeat ${heartbeatIntervalMs} ms + pong timeout ${pongTimeoutMs} ms`,
    )
  }

  function restartPingTimer(): void {
    if (pingTimer) clearInterval(pingTimer)
    pingTimer = null
    if (!current().autoPing || !main) return
    pingTimer = setInterval(() => {
      // The app's keep-alive: pinging only makes sense on an open socket in manual mode.
      if (main && current().mode === 'manual' && current().snapshot.status === 'connected') {
        void onMain('ping() (auto)', (e) => e.ping())
      }
    }, current().autoPingIntervalMs)
  }

  /** Applies the timings that changed and re-creates the main engine once; a bad value changes nothing. */
  function setTimings(timings: Partial<PlaygroundTimings>): void {
    const next: Partial<Record<keyof PlaygroundTimings, number>> = {}
    for (const name of Object.keys(TIMING_NAMES) as Array<keyof PlaygroundTimings>) {
      const ms = timings[name]
      if (ms !== undefined && checkTiming(name, ms) !== current()[name]) next[name] = ms
    }
    if (Object.keys(next).length === 0) return
    update(next)
    recreateMain('settings')
  }

  /**
   * One user sends the next numbered message to `to`; `counter` counts the acknowledged ones. The main
   * user's sends are listed from the moment they are made: `waiting` (for a connection that is coming,
   * or the acknowledgement) until the engine settles them, once.
   */
  const sendMessage = (on: typeof onMain, to: string, counter: 'sentCount' | 'peerSentCount') => {
    const text = `Hi ${to} (#${messageNo++})`
    const tracked = counter === 'sentCount' ? delivery.trackSend(to, text) : null
    return on(
      'sendMessage()',
      (e) =>
        e.sendMessage(to, text).then(
          (stored) => {
            tracked?.stored()
            return stored
          },
          (error: unknown) => {
            tracked?.failed(error)
            throw error
          },
        ),
      (m) => {
        update(
          counter === 'sentCount'
            ? { sentCount: current().sentCount + 1 }
            : { peerSentCount: current().peerSentCount + 1 },
        )
        log('message', `${m.sender} → ${m.receiver}: ${m.text}`)
      },
    )
  }

  /** Logs the second user in on `engine`, unless that engine was replaced meanwhile (StrictMode restarts). */
  const peerLogin = (engine = peer) =>
    act(
      `login('${peerUid}')`,
      () => (engine === peer ? engine : null),
      (e) => e.login(peerUid, authKey),
    )

  /** Creates both engines on the current transport and logs the second user in. */
  function startEngines(): void {
    createMain()
    createPeer()
    const controls = transport.controls
    update({ serverRunning: controls?.isRunning() ?? true, linkStalled: controls?.isStalled() ?? false })
    const created = peer!
    void created.init().then(() => peerLogin(created))
  }

  /**
   * Restarts the in-page server with another inbox window: a new server forgets every user, token and
   * inbox (as an in-memory server restart does), so both engines start over on fresh storage, and whoever
   * was logged in logs in again. Throws a `RangeError`, changing nothing, for a bad window.
   */
  function setInboxWindow(events: number): void {
    const next = checkInboxWindow(events)
    if (transport.kind !== 'in-page') return
    const started = main !== null
    const uid = current().snapshot.user?.uid ?? null
    main?.destroy()
    peer?.destroy()
    main = null
    peer = null
    transport = transportOf(next)
    storage = createMemoryStorage()
    peerStorage = createMemoryStorage()
    update({
      inboxWindow: next,
      inbox: [],
      peerInbox: [],
      sent: [],
      sentCount: 0,
      peerSentCount: 0,
      continuity: null,
      catchUp: null,
      serverRunning: true,
      linkStalled: false,
    })
    log(
      'server',
      `server restarted with an inbox window of ${next} message${next === 1 ? '' : 's'}: it forgot every ` +
        `user, token and inbox${uid ? `; ${uid} and ${peerUid} log in again` : ''}`,
    )
    if (!started) return
    startEngines()
    if (uid) void onMain(`login('${uid}')`, (e) => e.login(uid, authKey))
  }

  return {
    getState: store.get,
    subscribe: store.subscribe,
    start() {
      if (main) return
      startEngines()
      log(
        'environment',
        transport.kind === 'in-page'
          ? 'server: the protocol logic runs in this page (no network)'
          : `server: ${transport.serverUrl}`,
      )
      restartPingTimer()
    },
    dispose() {
      if (pingTimer) clearInterval(pingTimer)
      pingTimer = null
      main?.destroy()
      peer?.destroy()
      main = null
      peer = null
    },
    setUid(uid) {
      if (users.includes(uid)) update({ uid })
    },
    login() {
      delivery.newSession()
      return onMain(`login('${current().uid}')`, (e) => e.login(current().uid, authKey))
    },
    logout() {
      delivery.newSession()
      return onMain('logout()', (e) => e.logout())
    },
    connect: () => onMain('connect()', (e) => e.connect()),
    disconnect: () => onMain('disconnect()', (e) => e.disconnect()),
    ping: () => onMain('ping()', (e) => e.ping()),
    setMode(next) {
      if (next === current().mode) return
      update({ mode: next })
      recreateMain('mode switch')
    },
    setBackgroundTimeout: (ms) => setTimings({ backgroundTimeoutMs: ms }),
    setTimings,
    setAppState(next) {
      if (appState.current() === next) return
      log('environment', `app state: ${next}`)
      appState.set(next)
    },
    setOnline(online) {
      if (network.isOnline() === online) return
      log('environment', `network: ${online ? 'online' : 'offline'}`)
      network.set(online)
    },
    setAutoPing(enabled) {
      update({ autoPing: enabled })
      log('environment', `auto-ping ${enabled ? `on, every ${current().autoPingIntervalMs} ms` : 'off'}`)
      restartPingTimer()
    },
    setAutoPingInterval(ms) {
      if (!Number.isFinite(ms) || ms < MIN_TIMEOUT_MS) return
      update({ autoPingIntervalMs: ms })
      restartPingTimer()
    },
    dropConnections() {
      const controls = transport.controls
      if (!controls) return
      log('server', 'server: drop every socket (close 1006)')
      controls.dropConnections()
    },
    sendThrottleNotice() {
      const controls = transport.controls
      if (!controls) return
      const told = controls.sendThrottleNotice(current().snapshot.user?.uid ?? current().uid)
      log('server', `server: throttle notice sent to ${told} socket${told === 1 ? '' : 's'}`)
    },
    stopServer() {
      const controls = transport.controls
      if (!controls) return
      controls.stop()
      update({ serverRunning: false })
      log('server', 'server stopped: sockets dropped, new ones refused')
    },
    startServer() {
      const controls = transport.controls
      if (!controls) return
      controls.start()
      update({ serverRunning: true })
      log('server', 'server started')
    },
    setLinkStalled(stalled) {
      const controls = transport.controls
      if (!controls || controls.isStalled() === stalled) return
      controls.setStalled(stalled)
      update({ linkStalled: controls.isStalled() })
      const { heartbeatIntervalMs, pongTimeoutMs } = current()
      log(
        'server',
        stalled
          ? `server: link stalled (half-open): nothing crosses it and nothing closes; the heartbeat finds it ` +
              `within ${heartbeatIntervalMs} + ${pongTimeoutMs} ms of silence`
          : 'server: link restored: held frames delivered in order',
      )
    },
    sendMessage: () => sendMessage(onMain, peerUid, 'sentCount'),
    peerSendMessage: () =>
      sendMessage(onPeer, current().snapshot.user?.uid ?? current().uid, 'peerSentCount'),
    peerLogin: () => peerLogin(),
    peerLogout: () => onPeer('logout()', (e) => e.logout()),
    clearTimeline: () => update({ timeline: [] }),
    setInboxWindow,
    catchUp: delivery.catchUp,
  }
}
