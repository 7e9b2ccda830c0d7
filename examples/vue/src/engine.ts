import { AppSettingsBuilder, createConnectionEngine } from '@cometchat-connection/core'

// Settings from the page URL, so one build serves every case: ?server=…&mode=manual&authKey=…
const params = new URLSearchParams(location.search)
const serverUrl = params.get('server') ?? 'http://localhost:4455'
export const authKey = params.get('authKey') ?? 'demo-auth-key'

/** Creates the engine: the plugin calls this once, when the app mounts, and starts it. */
export const createEngine = () =>
  createConnectionEngine({
    appId: 'demo-app',
    settings: new AppSettingsBuilder()
      .setServerUrl(serverUrl)
      .autoEstablishSocketConnection(params.get('mode') !== 'manual')
      .subscribePresenceForAllUsers()
      .build(),
  })
