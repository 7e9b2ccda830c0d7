import { Component, createEnvironmentInjector, EnvironmentInjector, inject } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import type { ConnectionStatus } from '@cometchat-connection/core'
import {
  type CountingWebSocket,
  createCountingWebSocket,
  instrumentEngine,
  realEngineKit,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { COMETCHAT_CONNECTION_ENGINE, CometChatConnectionService, provideCometChatConnection } from '../src'
import { untilStatus } from './support/until-status'

@Component({ selector: 'test-a', template: '{{ conn.status() }}' })
class AComponent {
  readonly conn = inject(CometChatConnectionService)
}
@Component({ selector: 'test-b', template: '{{ conn.user()?.uid }}' })
class BComponent {
  readonly conn = inject(CometChatConnectionService)
}

let server: TestServer
let counting: CountingWebSocket
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => {
  counting = createCountingWebSocket()
})

/** Creates both components (both inject the service) and waits until the service shows `status`. */
async function mountTwo(status: ConnectionStatus): Promise<CometChatConnectionService> {
  const a = TestBed.createComponent(AComponent)
  const b = TestBed.createComponent(BComponent)
  const conn = a.componentInstance.conn
  expect(b.componentInstance.conn).toBe(conn)
  if (status === 'disconnected') await conn.login('alice', server.authKey)
  await untilStatus(TestBed.inject(COMETCHAT_CONNECTION_ENGINE), conn.status, 'connected')
  await a.whenStable()
  expect(a.nativeElement.textContent).toBe('connected')
  return conn
}

describe('against the real server (zoneless)', () => {
  it('re-creation with an engine you own: two components, module reset, again: one WebSocket', async () => {
    const kit = realEngineKit(server, { counting })
    const engine = kit.create()
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(engine)] })
    await mountTwo('disconnected')
    TestBed.resetTestingModule()
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(engine)] })
    await mountTwo('connected')
    expect(counting.count()).toBe(1)
    engine.destroy()
  })

  it('re-creation with a factory: one WebSocket per engine, the old one closed with its injector', async () => {
    const kit = realEngineKit(server, { counting })
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(kit.create)] })
    await mountTwo('disconnected')
    expect(counting.count()).toBe(1)
    TestBed.resetTestingModule() // destroys the first engine
    expect(counting.liveCount()).toBe(0)
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(kit.create)] })
    await mountTwo('connected') // the second engine restores the saved session (init) and connects
    expect(counting.count()).toBe(2)
  })

  it('injector destroy removes every engine subscription the adapter made', async () => {
    const real = realEngineKit(server, { counting }).create()
    const { engine, held } = instrumentEngine(real)
    const injector = createEnvironmentInjector(
      [provideCometChatConnection(engine)],
      TestBed.inject(EnvironmentInjector),
    )
    const conn = injector.get(CometChatConnectionService)
    await conn.login('bob', server.authKey)
    await untilStatus(engine, conn.status, 'connected')
    expect(held().subscribe).toBe(1)
    injector.destroy()
    expect(held().subscribe).toBe(0)
    real.destroy()
  })

  it('auto mode: login shows connecting then connected; background disconnects; foreground reconnects', async () => {
    const kit = realEngineKit(server, { counting })
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(kit.create)] })
    const conn = TestBed.inject(CometChatConnectionService)
    const engine = TestBed.inject(COMETCHAT_CONNECTION_ENGINE)
    const seen: ConnectionStatus[] = []
    const connected = untilStatus(engine, conn.status, 'connected', seen)
    await conn.login('carol', server.authKey)
    expect(await connected).toEqual(['disconnected', 'connecting', 'connected'])
    expect(conn.user()?.uid).toBe('carol')

    kit.appState.set('background')
    await untilStatus(engine, conn.status, 'disconnected')
    expect(conn.appState()).toBe('background')
    kit.appState.set('foreground')
    await untilStatus(engine, conn.status, 'connected')
    expect(counting.count()).toBe(2)
  })

  it('errors surface: ping in auto mode, connect while offline in manual mode', async () => {
    const auto = realEngineKit(server, { counting })
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(auto.create)] })
    const conn = TestBed.inject(CometChatConnectionService)
    await conn.login('dave', server.authKey)
    await expect(conn.ping()).rejects.toMatchObject({ code: 'ERROR_PING_NOT_AVAILABLE' })
    TestBed.resetTestingModule()

    const manual = realEngineKit(server, { counting, mode: 'manual' })
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(manual.create)] })
    const manualConn = TestBed.inject(CometChatConnectionService)
    await manualConn.login('erin', server.authKey)
    expect([manualConn.mode(), manualConn.status()]).toEqual(['manual', 'disconnected'])
    manual.network.set(false)
    await expect(manualConn.connect()).rejects.toMatchObject({ code: 'ERR_NO_INTERNET' })
    expect(manualConn.online()).toBe(false)
    manual.network.set(true)
    await manualConn.connect()
    expect(manualConn.status()).toBe('connected')
    await manualConn.ping()
    expect(manualConn.backgroundDeadline()).toBeNull()
  })
})
