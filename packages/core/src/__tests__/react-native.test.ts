import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { netInfoNetwork, reactNativeAppState } from '../ports/react-native.js'
import { AppSettingsBuilder } from '../settings.js'
import type { SessionStorageLike } from '../types.js'
import { FakeClock, FakeSocket, fakeFetch } from './harness.js'

/** Fakes with the shapes of React Native's AppState, NetInfo and AsyncStorage (async!). */
function fakeReactNative() {
  const appListeners = new Set<(s: string) => void>()
  const AppState = {
    currentState: 'active' as string | null,
    addEventListener: (_: 'change', l: (s: string) => void) => {
      appListeners.add(l)
      return { remove: () => appListeners.delete(l) }
    },
    emit(s: string) {
      this.currentState = s
      for (const l of [...appListeners]) l(s)
    },
  }
  const netListeners = new Set<
    (s: { isConnected: boolean | null; isInternetReachable?: boolean | null }) => void
  >()
  const NetInfo = {
    addEventListener: (
      l: (s: { isConnected: boolean | null; isInternetReachable?: boolean | null }) => void,
    ) => {
      netListeners.add(l)
      return () => netListeners.delete(l)
    },
    emit(isConnected: boolean | null, isInternetReachable: boolean | null = null) {
      for (const l of [...netListeners]) l({ isConnected, isInternetReachable })
    },
  }
  const data = new Map<string, string>()
  const AsyncStorage: SessionStorageLike = {
    getItem: async (k) => data.get(k) ?? null,
    setItem: async (k, v) => {
      data.set(k, v)
    },
    removeItem: async (k) => {
      data.delete(k)
    },
  }
  return { AppState, NetInfo, AsyncStorage, data, appListeners, netListeners }
}

/** The recipe itself: an engine on React Native's AppState, NetInfo and AsyncStorage (here, the fakes). */
function engineOn(rn: ReturnType<typeof fakeReactNative>, mode: 'auto' | 'manual') {
  return createConnectionEngine({
    appId: 'rn-app',
    settings: new AppSettingsBuilder()
      .setServerUrl('http://10.0.2.2:4455')
      .autoEstablishSocketConnection(mode === 'auto')
      .build(),
    platform: {
      WebSocket: FakeSocket,
      fetch: fakeFetch(),
      clock: new FakeClock(),
      appState: reactNativeAppState(rn.AppState),
      network: netInfoNetwork(rn.NetInfo),
      storage: rn.AsyncStorage,
    },
  })
}

describe('React Native recipe (AppState, NetInfo, AsyncStorage) on fakes', () => {
  it('auto mode: background closes, active reopens, NetInfo offline closes; inactive keeps the socket', async () => {
    FakeSocket.instances = []
    const rn = fakeReactNative()
    const engine = engineOn(rn, 'auto')
    await engine.init()
    await engine.login('alice', 'demo-auth-key')
    expect(rn.data.size).toBe(1) // saved through the async storage
    FakeSocket.instances.at(-1)?.accept()
    rn.AppState.emit('inactive')
    expect(engine.getConnectionStatus()).toBe('connected')
    rn.AppState.emit('background')
    expect(engine.getConnectionStatus()).toBe('disconnected')
    rn.AppState.emit('active')
    expect(engine.getConnectionStatus()).toBe('connecting')
    FakeSocket.instances.at(-1)?.accept()
    rn.NetInfo.emit(true, false) // connected to Wi-Fi without internet
    expect(engine.getConnectionStatus()).toBe('disconnected')
    rn.NetInfo.emit(true, true)
    expect(engine.getConnectionStatus()).toBe('connecting')
    await engine.logout()
    expect(rn.appListeners.size).toBe(0)
    expect(rn.netListeners.size).toBe(0)
    expect(rn.data.size).toBe(0)
  })

  it('a session saved in AsyncStorage is restored by init() after a restart', async () => {
    const rn = fakeReactNative()
    const make = () => engineOn(rn, 'manual')
    const first = make()
    await first.login('bob', 'demo-auth-key')
    first.destroy()
    const second = make()
    await second.init()
    expect((await second.getLoggedInUser())?.uid).toBe('bob')
    second.destroy()
  })
})
