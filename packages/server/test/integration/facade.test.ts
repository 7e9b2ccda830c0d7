// The seed's manual-mode example, written against CometChat's static API, run with only the import
// changed (plus the platform argument Node needs: ws's WebSocket), against the real server.
import { CometChat, type CometChatException, createMemoryStorage } from '@cometchat-connection/core'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { useServers } from '../helpers/server-fixture.js'
import { createControllableAppState, createControllableNetwork } from '../helpers/test-kit.js'

const start = useServers()
afterEach(() => CometChat.reset())

/** Turns CometChat's callback style into a promise of what happened, for the test to await. */
function outcome(run: (callbacks: { onSuccess(): void; onError(e: CometChatException): void }) => void) {
  return new Promise<string>((resolve) =>
    run({ onSuccess: () => resolve('ok'), onError: (e) => resolve(e.code) }),
  )
}

describe('the CometChat facade against the real server', () => {
  it("runs the seed's manual-mode flow: init, login, connect, ping in the background, disconnect, logout", async () => {
    const server = await start()
    const appState = createControllableAppState('foreground')
    const mySettings = new CometChat.AppSettingsBuilder()
      .subscribePresenceForAllUsers()
      .setRegion('us')
      .autoEstablishSocketConnection(false)
      .setServerUrl(server.url)
      .build()
    const platform = {
      WebSocket,
      appState,
      network: createControllableNetwork(true),
      storage: createMemoryStorage(),
    }
    expect(await CometChat.init('demo-app', mySettings, platform)).toBe(true)

    const events: string[] = []
    CometChat.addConnectionListener(
      'XYZ',
      new CometChat.ConnectionListener({
        inConnecting: () => events.push('inConnecting'),
        onConnected: () => events.push('onConnected'),
        onDisconnected: () => events.push('onDisconnected'),
      }),
    )
    const user = await CometChat.login('superhero1', 'demo-auth-key')
    expect(user.getUid()).toBe('superhero1')
    expect((await CometChat.getLoggedInUser())?.getUid()).toBe('superhero1')
    expect(CometChat.getConnectionStatus()).toBe(CometChat.WS_CONNECTION_STATUS.DISCONNECTED) // manual: no socket

    expect(await outcome((cb) => CometChat.connect(cb))).toBe('ok')
    expect(CometChat.getConnectionStatus()).toBe('connected')
    expect(await outcome((cb) => CometChat.connect(cb))).toBe('ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE')

    appState.set('background')
    expect(await outcome((cb) => CometChat.ping(cb))).toBe('ok') // the server's pong came back
    expect(CometChat.getConnectionStatus()).toBe('connected')

    expect(await outcome((cb) => CometChat.disconnect(cb))).toBe('ok')
    expect(CometChat.getConnectionStatus()).toBe('disconnected')
    expect(events).toEqual(['inConnecting', 'onConnected', 'onDisconnected'])

    await CometChat.logout()
    expect(await CometChat.getLoggedInUser()).toBeNull()
    expect(await outcome((cb) => CometChat.connect(cb))).toBe('ERR_NOT_LOGGED_IN')
  })

  it('auto mode: login connects by itself and ping reports ERROR_PING_NOT_AVAILABLE', async () => {
    const server = await start()
    const settings = new CometChat.AppSettingsBuilder().setServerUrl(server.url).build()
    await CometChat.init('demo-app', settings, { WebSocket, storage: createMemoryStorage() })
    const connected = new Promise<void>((resolve) =>
      CometChat.addConnectionListener('wait', { onConnected: () => resolve() }),
    )
    await CometChat.login('superhero2', 'demo-auth-key')
    await connected
    expect(CometChat.getConnectionStatus()).toBe('connected')
    expect(await outcome((cb) => CometChat.ping(cb))).toBe('ERROR_PING_NOT_AVAILABLE')
  })
})
