// @vitest-environment node
// Node's environment, as in server rendering (the renderer's document comes through DI): no window, document, navigator, localStorage or WebSocket exist, and the ones the
// engine would read are trapped (test-kit's trapBrowserGlobals), so "reads no browser global" is checked, not assumed.
import { DestroyRef, DOCUMENT, PLATFORM_ID } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing'
import { SERVER_SNAPSHOT } from '@cometchat-connection/core'
import {
  createCountingWebSocket,
  instrumentEngine,
  realEngineKit,
  startTestServer,
  trapBrowserGlobals,
} from '@cometchat-connection/test-kit'
import { Window } from 'happy-dom'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'

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
    const kit = realEngineKit(server, { counting })
    const factory = vi.fn(kit.create)
    // An engine the app created itself: the service must not init, read or subscribe to it.
    const { engine: owned, held } = instrumentEngine(kit.create())
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
        await expect(conn.login('alice', 'key')).rejects.toMatchObject({
          code: 'ERR_SERVER_PLATFORM',
          message: expect.stringMatching(/call this in the browser/),
        })
        await expect(conn.connect()).rejects.toMatchObject({ code: 'ERR_SERVER_PLATFORM' })
        conn.onMessage(() => {}, destroyRef)()
      } finally {
        trap.restore()
        reads.push(...trap.touched)
      }
      TestBed.resetTestingModule()
    }
    expect(reads).toEqual([])
    expect(factory).not.toHaveBeenCalled()
    expect(held()).toMatchObject({ reads: 0, subscribe: 0, adds: 0 })
    expect(await owned.getLoggedInUser()).toBeNull()
    expect(counting.count()).toBe(0)
    expect(server.connectionCount()).toBe(0)
    owned.destroy()
    await server.close()
  })
})
