import {
  AppSettingsBuilder,
  type ConnectionEngine,
  type ConnectionMode,
  createConnectionEngine,
} from '@cometchat-connection/core'

/** The development server's defaults (`pnpm start` runs it on port 4455). */
export const APP_ID = 'demo-app'
/** The development server's auth key. */
export const AUTH_KEY = 'demo-auth-key'

/** The realtime server: `?server=` in the page URL, else the development server. */
export function serverUrl(): string {
  return new URLSearchParams(location.search).get('server') ?? 'http://localhost:4455'
}

/** A new engine in `mode`, with the browser's defaults (visibility, `navigator.onLine`, localStorage). */
export function createEngine(mode: ConnectionMode): ConnectionEngine {
  const settings = new AppSettingsBuilder()
    .setServerUrl(serverUrl())
    .autoEstablishSocketConnection(mode === 'auto')
    .build()
  return createConnectionEngine({ appId: APP_ID, settings })
}
