import { AppSettingsBuilder, type ConnectionEngine, createConnectionEngine } from '@cometchat-connection/core'
import { createSharedConnectionEngine } from '@cometchat-connection/core/tabs'

const params = new URLSearchParams(location.search)

/** The realtime server: `?server=http://host:port`, else the local development server. */
export const serverUrl = params.get('server') ?? 'http://localhost:4455'

/**
 * The one engine of this tab, created outside any UI. `createSharedConnectionEngine` makes every tab
 * of this page share one socket; `?tabs=off` gives each tab its own (`createConnectionEngine`), to
 * compare. `?heartbeat=ms` shortens the heartbeat (for measuring); `?mode=manual` is manual mode.
 */
export function createEngine(): ConnectionEngine {
  let settings = new AppSettingsBuilder()
    .setServerUrl(serverUrl)
    .autoEstablishSocketConnection(params.get('mode') !== 'manual')
  const heartbeat = Number(params.get('heartbeat'))
  if (heartbeat > 0) settings = settings.setHeartbeatInterval(heartbeat)
  const options = { appId: 'demo-app', settings: settings.build() }
  return params.get('tabs') === 'off'
    ? createConnectionEngine(options)
    : createSharedConnectionEngine(options)
}
