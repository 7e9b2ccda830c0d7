import {
  AppSettingsBuilder,
  type ConnectionEngine,
  type ConnectionStatus,
  createConnectionEngine,
  createMemoryStorage,
  type SessionStorageLike,
} from '@cometchat-connection/core'
import {
  type CountingWebSocket,
  createControllableAppState,
  createControllableNetwork,
  type TestServer,
} from '@cometchat-connection/test-kit'

/** Everything a test drives around one real engine. */
export interface RealEngineKit {
  readonly appState: ReturnType<typeof createControllableAppState>
  readonly network: ReturnType<typeof createControllableNetwork>
  readonly storage: SessionStorageLike
  /** Creates an engine against `server` with these sources and the counting WebSocket. */
  create(): ConnectionEngine
}

/** A real engine factory: the server's URL, controllable app state/network, memory storage shared by its engines. */
export function realEngineKit(
  server: TestServer,
  counting: CountingWebSocket,
  mode: 'auto' | 'manual' = 'auto',
): RealEngineKit {
  const appState = createControllableAppState('foreground')
  const network = createControllableNetwork(true)
  const storage = createMemoryStorage()
  const settings = new AppSettingsBuilder()
    .setServerUrl(server.url)
    .autoEstablishSocketConnection(mode === 'auto')
    .build()
  return {
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

/**
 * Resolves once `read()` returns `status`, re-checking after every engine change (the service's own
 * subscription runs first, so its signals are current). Records every status seen, in order.
 */
export function untilStatus(
  engine: ConnectionEngine,
  read: () => ConnectionStatus,
  status: ConnectionStatus,
  seen: ConnectionStatus[] = [],
): Promise<ConnectionStatus[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const now = read()
      if (seen.at(-1) !== now) seen.push(now)
      return now === status
    }
    if (check()) return resolve(seen)
    const off = engine.subscribe(() => {
      if (!check()) return
      off()
      resolve(seen)
    })
  })
}
