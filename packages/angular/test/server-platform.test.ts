// @vitest-environment node
// Node's environment, as in server rendering (the renderer's document comes through DI): no window, document, navigator, localStorage or WebSocket exist, and the ones the
// engine would read are trapped below, so "reads no browser global" is checked, not assumed.
import { DestroyRef, DOCUMENT, PLATFORM_ID } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing'
import { SERVER_SNAPSHOT } from '@cometchat-connection/core'
import { createCountingWebSocket, startTestServer } from '@cometchat-connection/test-kit'
import { Window } from 'happy-dom'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'
import { realEngineKit } from './support/real-engine'

const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'WebSocket',
  'location',
]

/** Makes every browser global a getter that records its reads; returns the reads and an uninstall. */
function trapBrowserGlobals(): { reads: string[]; uninstall(): void } {
  const reads: string[] = []
  const saved = BROWSER_GLOBALS.map(
    (name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const,
  )
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => void reads.push(name),
    })
  }
  return {
    reads,
    uninstall() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor)
        else delete (globalThis as Record<string, unknown>)[name]
      }
    },
  }
}

/** What a server renderer provides: the platform id and its own document object (not a global). */
function serverPlatform() {
  return [
    { provide: PLATFORM_ID, useValue: 'server' },
    { provide: DOCUMENT, useValue: new Window().document },
  ]
}

describe('server platform (PLATFORM_ID = "server")', () => {
  beforeAll(() => TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting()))
  afterAll(() => TestBed.resetTestEnvironment())

  it('opens no socket, never creates or touches the engine, reads no browser global', async () => {
    const server = await startTestServer()
    const counting = createCountingWebSocket()
    const kit = realEngineKit(server, counting)
    const factory = vi.fn(kit.create)
    const owned = kit.create() // an engine the app created itself: the service must not init or subscribe
    let subscriptions = 0
    const subscribe = owned.subscribe.bind(owned)
    owned.subscribe = (cb) => {
      subscriptions++
      return subscribe(cb)
    }
    TestBed.configureTestingModule({ providers: [{ provide: PLATFORM_ID, useValue: 'server' }] })
    const reads: string[] = []
    for (const providers of [provideCometChatConnection(factory), provideCometChatConnection(owned)]) {
      TestBed.configureTestingModule({ providers: [...serverPlatform(), providers] })
      const destroyRef = TestBed.inject(DestroyRef) // instantiates the test module before the trap
      const trap = trapBrowserGlobals()
      try {
        const conn = TestBed.inject(CometChatConnectionService)
        expect(conn.snapshot()).toBe(SERVER_SNAPSHOT)
        expect([conn.status(), conn.user(), conn.mode(), conn.online()]).toEqual([
          'disconnected',
          null,
          'auto',
          true,
        ])
        await expect(conn.login('alice', 'key')).rejects.toMatchObject({ code: 'ERR_SERVER_PLATFORM' })
        await expect(conn.connect()).rejects.toMatchObject({ code: 'ERR_SERVER_PLATFORM' })
        conn.onMessage(() => {}, destroyRef)()
      } finally {
        trap.uninstall()
        reads.push(...trap.reads)
      }
      TestBed.resetTestingModule()
    }
    expect(reads).toEqual([])
    expect(factory).not.toHaveBeenCalled()
    expect(subscriptions).toBe(0)
    expect(await owned.getLoggedInUser()).toBeNull()
    expect(counting.count()).toBe(0)
    expect(server.connectionCount()).toBe(0)
    owned.destroy()
    await server.close()
  })
})
