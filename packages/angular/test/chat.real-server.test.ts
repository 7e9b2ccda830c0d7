// A chat screen's core as an Angular component, against the real server (zoneless).
import { Component, ErrorHandler, inject } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import type { ConnectionEngine } from '@cometchat-connection/core'
import {
  instrumentEngine,
  realEngineKit,
  realEnginesPerTest,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'
import { untilStatus } from './support/until-status'

/** Written as an app would: no error handling of its own, errors from the signals. */
@Component({
  selector: 'test-chat',
  template: `<p id="status">{{ conn.status() }}</p>
    <p id="user">{{ conn.user()?.uid ?? 'nobody' }}</p>
    <p id="error">{{ conn.lastError()?.code ?? 'none' }}</p>
    <p id="online">@for (u of conn.onlineUsers(); track u.uid) {{{ u.uid }},}</p>
    <p id="recovery">{{ conn.recovery()?.resumed ? 'resumed' : 'none' }}</p>
    <button id="login" (click)="conn.login({ uid: 'alice', authKey: key })">log in</button>
    <button id="login-send" (click)="logInAndSend()">log in and send</button>`,
})
class ChatComponent {
  readonly conn = inject(CometChatConnectionService)
  key = ''
  readonly seen: string[] = []
  constructor() {
    this.conn.onMessage((m) => this.seen.push(`${m.sender}: ${m.text}${m.replayed ? ' (replayed)' : ''}`))
    this.conn.onConnection({ onResumed: ({ replayed }) => this.seen.push(`resumed ${replayed}`) })
  }
  async logInAndSend(): Promise<void> {
    await this.conn.login({ uid: 'alice', authKey: this.key })
    await this.conn.sendMessage('bob', 'hello')
  }
}

let server: TestServer
const realEngine = realEnginesPerTest()
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

/** Mounts the chat on `engine` (with an ErrorHandler spy); `text(id)` reads the rendered page. */
async function mountChat(engine: ConnectionEngine, key = server.authKey) {
  const handleError = vi.fn()
  TestBed.configureTestingModule({
    providers: [provideCometChatConnection(engine), { provide: ErrorHandler, useValue: { handleError } }],
  })
  const fixture = TestBed.createComponent(ChatComponent)
  fixture.componentInstance.key = key
  fixture.autoDetectChanges()
  await fixture.whenStable()
  const text = (id: string): string => fixture.nativeElement.querySelector(`#${id}`).textContent
  const click = (id: string): void => fixture.nativeElement.querySelector(`#${id}`).click()
  const until = async (id: string, expected: string) => {
    await vi.waitFor(async () => {
      await fixture.whenStable()
      expect(text(id)).toBe(expected)
    })
  }
  return { fixture, text, click, until, handleError, conn: fixture.componentInstance.conn }
}

describe('a chat screen against the real server (Angular)', () => {
  it('a component that logs in and sends at once delivers the message (no wait for connected)', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const received: string[] = []
    bob.engine.addMessageListener('bob', {
      onTextMessageReceived: (m) => received.push(`${m.sender}: ${m.text}`),
    })
    await bob.engine.login('bob', server.authKey)
    await untilStatus(bob.engine, () => bob.engine.getConnectionStatus(), 'connected')
    const { click } = await mountChat(alice.engine)
    click('login-send')
    await vi.waitFor(() => expect(received).toEqual(['alice: hello']))
    expect(alice.counting.count()).toBe(1)
  })

  it('a wrong auth key shows ERR_AUTH_FAILED from state alone; the ErrorHandler hears nothing', async () => {
    const alice = realEngine(server)
    const { click, until, text, handleError } = await mountChat(alice.engine, 'wrong-key')
    click('login')
    await until('error', 'ERR_AUTH_FAILED')
    expect([text('status'), text('user')]).toEqual(['disconnected', 'nobody'])
    expect(handleError).not.toHaveBeenCalled()
    expect(alice.counting.count()).toBe(0)
  })

  it('who is online follows other users coming and going (subscribePresenceForAllUsers)', async () => {
    const alice = realEngine(server, { configure: (b) => b.subscribePresenceForAllUsers() })
    const bob = realEngine(server)
    const { click, until, text, conn } = await mountChat(alice.engine)
    click('login')
    await until('status', 'connected')
    expect(text('online')).not.toContain('bob,')
    await bob.engine.login('bob', server.authKey)
    await vi.waitFor(() => expect(conn.onlineUsers().map((u) => u.uid)).toContain('bob'))
    await vi.waitFor(() => expect(text('online')).toContain('bob,'))
    await bob.engine.logout()
    await vi.waitFor(() => expect(conn.onlineUsers().map((u) => u.uid)).not.toContain('bob'))
  })

  it('a message sent while the app was in the background arrives on return, once, marked replayed', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const { click, until, fixture } = await mountChat(alice.engine)
    click('login')
    await until('status', 'connected')
    alice.appState.set('background')
    await until('status', 'disconnected')
    await bob.engine.login('bob', server.authKey)
    await bob.engine.sendMessage('alice', 'while you were away') // resolves once the server stored it
    alice.appState.set('foreground')
    const seen = fixture.componentInstance.seen
    await vi.waitFor(() => expect(seen).toEqual(['resumed 1', 'bob: while you were away (replayed)']))
    await until('recovery', 'resumed')
    await bob.engine.sendMessage('alice', 'live')
    await vi.waitFor(() =>
      expect(seen).toEqual(['resumed 1', 'bob: while you were away (replayed)', 'bob: live']),
    )
  })

  it('destroying the chat and the injector leaves no subscription and no listener on the engine', async () => {
    const real = realEngineKit(server).create()
    const { engine, held } = instrumentEngine(real)
    const { click, until, fixture } = await mountChat(engine)
    click('login')
    await until('status', 'connected')
    expect(held()).toMatchObject({ subscribe: 1, message: 1, connection: 1 })
    fixture.destroy()
    expect(held()).toMatchObject({ message: 0, connection: 0 })
    TestBed.resetTestingModule()
    expect(held()).toMatchObject({ subscribe: 0, message: 0, connection: 0, user: 0 })
    real.destroy()
  })
})
