// zone.js loaded, zone-based change detection, the real engine and server.
import { ApplicationRef, Component, inject, NgZone, provideZoneChangeDetection } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import type { WebSocketConstructorLike } from '@cometchat-connection/core'
import {
  createCountingWebSocket,
  realEngineKit,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { COMETCHAT_CONNECTION_ENGINE, CometChatConnectionService, provideCometChatConnection } from '../src'
import { untilStatus } from './support/until-status'

@Component({
  selector: 'test-app',
  template: `<b>{{ conn.status() }}</b>
    <button id="login" (click)="conn.login('zoe', key)">login</button>
    <button id="connect" (click)="conn.connect()">connect</button>
    <button id="disconnect" (click)="conn.disconnect()">disconnect</button>`,
})
class AppComponent {
  readonly conn = inject(CometChatConnectionService)
  key = ''
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('zone.js app against the real server', () => {
  it('zone.js: the socket opens outside the Angular zone, the DOM follows, and the app becomes stable', async () => {
    const socketInZone: boolean[] = []
    class ZoneRecordingWebSocket extends NodeWebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        socketInZone.push(NgZone.isInAngularZone())
      }
    }
    const counting = createCountingWebSocket(ZoneRecordingWebSocket as unknown as WebSocketConstructorLike)
    const kit = realEngineKit(server, { counting, mode: 'manual' })
    TestBed.configureTestingModule({
      providers: [provideZoneChangeDetection(), provideCometChatConnection(kit.create)],
    })
    const fixture = TestBed.createComponent(AppComponent)
    fixture.componentInstance.key = server.authKey
    fixture.autoDetectChanges()
    const conn = fixture.componentInstance.conn
    const engine = TestBed.inject(COMETCHAT_CONNECTION_ENGINE)
    const click = (id: string): void => fixture.nativeElement.querySelector(`#${id}`).click()

    click('login')
    await untilUser(conn)
    const connected = untilStatus(engine, conn.status, 'connected')
    click('connect') // manual mode: the socket is created in this call stack, which starts in the Angular zone
    await connected
    // Stable while connected: the engine's heartbeat and timeout timers live outside the Angular zone.
    await TestBed.inject(ApplicationRef).whenStable()
    expect(TestBed.inject(NgZone).hasPendingMacrotasks).toBe(false)
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('connected')
    expect(socketInZone).toEqual([false])

    click('disconnect')
    await untilStatus(engine, conn.status, 'disconnected')
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('disconnected')
    expect(counting.count()).toBe(1)
  })
})

/** Resolves once the service shows a logged-in user. */
function untilUser(conn: CometChatConnectionService): Promise<void> {
  const engine = TestBed.inject(COMETCHAT_CONNECTION_ENGINE)
  return new Promise((resolve) => {
    if (conn.user()) return resolve()
    const off = engine.subscribe(() => {
      if (!conn.user()) return
      off()
      resolve()
    })
  })
}
