import { afterEach, describe, expect, it } from 'vitest'
import { CometChat } from '../facade.js'
import { createControllableAppState, createControllableNetwork } from '../ports/controllable.js'
import { createMemoryStorage } from '../ports/storage.js'
import { FakeClock, FakeSocket, fakeFetch, flush } from './harness.js'

const platform = () => ({
  WebSocket: FakeSocket,
  fetch: fakeFetch(),
  clock: new FakeClock(),
  storage: createMemoryStorage(),
  appState: createControllableAppState(),
  network: createControllableNetwork(),
})

afterEach(() => CometChat.reset())

describe('CometChat facade', () => {
  it("ports the seed's manual-mode example unchanged but for the import", async () => {
    FakeSocket.instances = []
    const appSetting = new CometChat.AppSettingsBuilder()
      .subscribePresenceForAllUsers()
      .setRegion('us')
      .autoEstablishSocketConnection(false)
      .setServerUrl('http://127.0.0.1:4455')
      .build()
    expect(await CometChat.init('app', appSetting, platform())).toBe(true)
    const log: string[] = []
    CometChat.addConnectionListener(
      'XYZ',
      new CometChat.ConnectionListener({
        onConnected: () => log.push('onConnected'),
        inConnecting: () => log.push('inConnecting'),
        onDisconnected: () => log.push('onDisconnected'),
      }),
    )
    await CometChat.login('alice', 'demo-auth-key')
    expect((await CometChat.getLoggedInUser())?.getName()).toBe('alice')
    const outcome: string[] = []
    void CometChat.connect({
      onSuccess: () => outcome.push('connect ok'),
      onError: (e) => outcome.push(e.code),
    })
    FakeSocket.instances.at(-1)?.accept()
    await flush()
    expect(CometChat.getConnectionStatus()).toBe(CometChat.WS_CONNECTION_STATUS.CONNECTED)
    expect(outcome).toEqual(['connect ok'])
    expect(log).toEqual(['inConnecting', 'onConnected'])
    await CometChat.disconnect()
    expect(log.at(-1)).toBe('onDisconnected')
    CometChat.removeConnectionListener('XYZ')
    await CometChat.logout()
  })

  it('before init(): promise methods reject ERR_NOT_INITIALIZED, callbacks agree, listeners throw it', async () => {
    const seen: string[] = []
    await expect(CometChat.connect({ onError: (e) => seen.push(e.code) })).rejects.toMatchObject({
      code: 'ERR_NOT_INITIALIZED',
    })
    await flush()
    expect(seen).toEqual(['ERR_NOT_INITIALIZED'])
    expect(() => CometChat.addConnectionListener('a', {})).toThrow(/CometChat.init/)
    expect(CometChat.getConnectionStatus()).toBe('disconnected')
  })

  it('init() with an empty appId rejects ERR_INVALID_ARGUMENT', async () => {
    await expect(CometChat.init('', undefined, platform())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    })
  })
})
