import {
  AppSettingsBuilder,
  type AppStateValue,
  type ConnectionEngine,
  type ConnectionMode,
  type Controllable,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
  type SessionStorageLike,
} from '@cometchat-connection/core'
import { afterEach } from 'vitest'
import { type CountingWebSocket, createCountingWebSocket } from './counting-web-socket.js'

/** The server a real engine connects to: a {@link TestServer} fits. */
export interface EngineServer {
  /** `http://host:port` of the server. */
  readonly url: string
  /** The app id it serves. */
  readonly appId: string
}

/** Options of {@link realEngineKit}. */
export interface RealEngineOptions {
  /** `auto` (default) or `manual` (`autoEstablishSocketConnection(false)`). */
  mode?: ConnectionMode
  /** The WebSocket the engines construct; default a new {@link createCountingWebSocket} over `ws`. */
  counting?: CountingWebSocket
  /** Further settings, e.g. `(b) => b.subscribePresenceForAllUsers()`. */
  configure?: (builder: AppSettingsBuilder) => AppSettingsBuilder
}

/** Everything a test drives around real engines: one app state, network and storage shared by them. */
export interface RealEngineKit {
  /** Counts the sockets every engine of this kit constructs. */
  readonly counting: CountingWebSocket
  /** Starts in `foreground`. */
  readonly appState: Controllable<AppStateValue>
  /** Starts online. */
  readonly network: Controllable<boolean>
  /** Memory storage: a second engine of the kit restores the first one's session. */
  readonly storage: SessionStorageLike
  /** Creates an engine against the server with these sources (a factory for providers that take one). */
  create(): ConnectionEngine
}

/**
 * Real engines against a real server: `ws` sockets (counted), controllable app state and network,
 * memory storage. Destroy what `create()` returns, or let an adapter that owns it do so.
 *
 * @example
 * ```ts
 * const kit = realEngineKit(server, { mode: 'manual' })
 * const engine = kit.create()
 * await engine.login('alice', server.authKey)
 * kit.network.set(false)
 * ```
 */
export function realEngineKit(server: EngineServer, options: RealEngineOptions = {}): RealEngineKit {
  const counting = options.counting ?? createCountingWebSocket()
  const appState = createControllableAppState('foreground')
  const network = createControllableNetwork(true)
  const storage = createMemoryStorage()
  const builder = new AppSettingsBuilder()
    .setServerUrl(server.url)
    .autoEstablishSocketConnection((options.mode ?? 'auto') === 'auto')
  const settings = (options.configure?.(builder) ?? builder).build()
  return {
    counting,
    appState,
    network,
    storage,
    create: () =>
      createConnectionEngine({
        appId: server.appId,
        settings,
        platform: { WebSocket: counting.WebSocket, appState, network, storage },
      }),
  }
}

/** One engine of its own {@link RealEngineKit}. */
export interface RealEngine extends RealEngineKit {
  readonly engine: ConnectionEngine
}

/**
 * For a test file: returns a function that makes a {@link RealEngine}, and destroys every engine it
 * made after each test (the sockets close, so the server can). Call it at the top level of the file,
 * before other `afterEach` hooks, so theirs (unmounting components) run first.
 *
 * @example
 * ```ts
 * const realEngine = realEnginesPerTest()
 * it('connects', async () => {
 *   const { engine, counting } = realEngine(server)
 *   await engine.login('alice', server.authKey)
 * })
 * ```
 */
export function realEnginesPerTest(): (server: EngineServer, options?: RealEngineOptions) => RealEngine {
  const made: ConnectionEngine[] = []
  afterEach(() => {
    for (const engine of made.splice(0)) engine.destroy()
  })
  return (server, options) => {
    const kit = realEngineKit(server, options)
    const engine = kit.create()
    made.push(engine)
    return { ...kit, engine }
  }
}
