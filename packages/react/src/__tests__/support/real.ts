// Real engines against the real server: `ws` sockets (counted), controllable app state and network,
// memory storage. Every engine made here is destroyed by `destroyEngines()`.
import {
  AppSettingsBuilder,
  type ConnectionEngine,
  type ConnectionMode,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
  type WebSocketConstructorLike,
} from '@cometchat-connection/core'
import { WebSocket as NodeWebSocket } from 'ws'
import { countingWebSocket } from './counting.js'

const made: ConnectionEngine[] = []

export function realEngine(serverUrl: string, mode: ConnectionMode = 'auto') {
  const ws = countingWebSocket(NodeWebSocket as unknown as WebSocketConstructorLike)
  const appState = createControllableAppState('foreground')
  const network = createControllableNetwork(true)
  const settings = new AppSettingsBuilder()
    .autoEstablishSocketConnection(mode === 'auto')
    .setServerUrl(serverUrl)
    .build()
  const engine = createConnectionEngine({
    appId: 'demo-app',
    settings,
    platform: {
      WebSocket: ws.WebSocket,
      appState,
      network,
      storage: createMemoryStorage(),
      fetch: globalThis.fetch,
    },
  })
  made.push(engine)
  return { engine, ws, appState, network }
}

export function destroyEngines(): void {
  for (const engine of made.splice(0)) engine.destroy()
}

export const AUTH_KEY = 'demo-auth-key'
