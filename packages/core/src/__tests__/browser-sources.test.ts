// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { browserAppState } from '../ports/browser-app-state.js'
import { browserNetwork } from '../ports/browser-network.js'
import { createMemoryStorage, defaultStorage } from '../ports/storage.js'
import { loadPosition, loadSession, savePosition, saveSession } from '../session-store.js'
import { AppSettingsBuilder } from '../settings.js'
import { FakeClock, FakeSocket, fakeFetch } from './harness.js'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
  window.dispatchEvent(new Event(online ? 'online' : 'offline'))
}

describe('default browser sources', () => {
  it('app state follows visibilitychange, freeze/resume and pagehide/pageshow', () => {
    setVisibility('visible')
    const source = browserAppState()
    const seen: string[] = []
    const off = source.subscribe((s) => seen.push(s))
    setVisibility('hidden')
    setVisibility('visible')
    document.dispatchEvent(new Event('freeze'))
    document.dispatchEvent(new Event('resume'))
    window.dispatchEvent(new Event('pagehide'))
    window.dispatchEvent(new Event('pageshow'))
    expect(seen).toEqual(['background', 'foreground', 'background', 'foreground', 'background', 'foreground'])
    off()
    setVisibility('hidden')
    expect(seen).toHaveLength(6) // detached
    expect(source.current()).toBe('background')
    setVisibility('visible')
  })

  it('network follows navigator.onLine and online/offline events', () => {
    setOnline(true)
    const source = browserNetwork()
    const seen: boolean[] = []
    const off = source.subscribe((o) => seen.push(o))
    setOnline(false)
    expect(source.isOnline()).toBe(false)
    setOnline(true)
    off()
    setOnline(false)
    expect(seen).toEqual([false, true])
    setOnline(true)
  })

  it("storage is localStorage when usable, else the engine's own memory (positions, no session)", async () => {
    expect(defaultStorage()).toBe(globalThis.localStorage)
    const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new Error('SecurityError')
      },
    })
    try {
      const s = defaultStorage()
      s.setItem('k', 'v')
      expect(s.getItem('k')).toBe('v')
      // The engine's own memory: a session saved there could never be read, so none is; positions are.
      const session = { user: { uid: 'alice', name: 'Alice' }, authToken: 't' }
      const position = { epoch: 'e', offset: 4, id: 'm4' }
      await saveSession(s, 'app', session)
      await savePosition(s, 'app', 'alice', position)
      expect([await loadSession(s, 'app'), await loadPosition(s, 'app', 'alice')]).toEqual([null, position])
      // A memory storage the app passes keeps the session: other engines may read it.
      const shared = createMemoryStorage()
      await saveSession(shared, 'app', session)
      expect(await loadSession(shared, 'app')).toEqual(session)
    } finally {
      if (original) Object.defineProperty(globalThis, 'localStorage', original)
    }
  })

  it('an engine on the default sources: hidden tab closes the socket (auto), visible reopens it', async () => {
    setVisibility('visible')
    setOnline(true)
    FakeSocket.instances = []
    const added: string[] = []
    const removed: string[] = []
    const addDoc = document.addEventListener.bind(document)
    const removeDoc = document.removeEventListener.bind(document)
    document.addEventListener = ((name: string, fn: EventListener) => {
      added.push(name)
      addDoc(name, fn)
    }) as typeof document.addEventListener
    document.removeEventListener = ((name: string, fn: EventListener) => {
      removed.push(name)
      removeDoc(name, fn)
    }) as typeof document.removeEventListener
    const engine = createConnectionEngine({
      appId: 'browser-app',
      settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:1').build(),
      platform: { WebSocket: FakeSocket, fetch: fakeFetch(), clock: new FakeClock() },
    })
    expect(added).toEqual([]) // nothing attached before a user exists
    await engine.login('alice', 'demo-auth-key')
    expect(added).toContain('visibilitychange')
    FakeSocket.instances.at(-1)?.accept()
    expect(engine.getConnectionStatus()).toBe('connected')
    setVisibility('hidden')
    expect(engine.getConnectionStatus()).toBe('disconnected')
    setVisibility('visible')
    expect(engine.getConnectionStatus()).toBe('connecting')
    setOnline(false)
    expect(engine.getSnapshot().online).toBe(false)
    setOnline(true)
    await engine.logout()
    expect(removed.sort()).toEqual([...added].sort())
    engine.destroy()
    localStorage.clear()
  })
})
