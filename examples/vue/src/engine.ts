import {
  AppSettingsBuilder,
  type ConnectionEngine,
  type ConnectionMode,
  createConnectionEngine,
} from '@cometchat-connection/core'

/** The realtime server: `?server=http://host:port`, else the local development server. */
export const serverUrl = new URLSearchParams(location.search).get('server') ?? 'http://localhost:4455'

/** One engine per mode. Created outside Vue components, so remounts never open a second socket. */
export function createEngine(mode: ConnectionMode): ConnectionEngine {
  const settings = new AppSettingsBuilder()
    .autoEstablishSocketConnection(mode === 'auto')
    .setServerUrl(serverUrl)
    .build()
  const engine = createConnectionEngine({ appId: 'demo-app', settings })
  void engine.init() // restores a saved session (and, in auto mode, connects)
  return engine
}
