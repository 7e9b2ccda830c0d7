import {
  Component,
  createEnvironmentInjector,
  DestroyRef,
  EnvironmentInjector,
  ErrorHandler,
  inject,
} from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { CometChatException, ErrorCodes } from '@cometchat-connection/core'
import { createFakeEngine, textMessage } from '@cometchat-connection/test-kit'
import { describe, expect, it, vi } from 'vitest'
import { COMETCHAT_CONNECTION_ENGINE, CometChatConnectionService, provideCometChatConnection } from '../src'

@Component({ selector: 'test-status', template: '<b>{{ conn.status() }}|{{ conn.user()?.uid ?? "-" }}</b>' })
class StatusComponent {
  readonly conn = inject(CometChatConnectionService)
}

describe('CometChatConnectionService (fake engine, zoneless)', () => {
  it('zoneless: signal updates reach the DOM, with every snapshot field exposed', async () => {
    const engine = createFakeEngine()
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(engine)] })
    const fixture = TestBed.createComponent(StatusComponent)
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe('disconnected|-')

    engine.set({
      status: 'connected',
      mode: 'manual',
      appState: 'background',
      online: false,
      backgroundDeadline: 9,
    })
    engine.set({
      reconnectAttempt: 2,
      nextRetryAt: 7,
      lastError: new CometChatException(ErrorCodes.NO_INTERNET),
    })
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe('connected|-')
    const conn = fixture.componentInstance.conn
    expect(conn.snapshot()).toBe(engine.getSnapshot())
    expect([conn.mode(), conn.appState(), conn.online(), conn.backgroundDeadline()]).toEqual([
      'manual',
      'background',
      false,
      9,
    ])
    expect([conn.reconnectAttempt(), conn.nextRetryAt(), conn.lastError()?.code]).toEqual([
      2,
      7,
      'ERR_NO_INTERNET',
    ])
  })

  it('calls init() once, and its actions reach the engine and return its promises', async () => {
    const engine = createFakeEngine()
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(engine)] })
    const conn = TestBed.inject(CometChatConnectionService)
    await expect(conn.login('alice', 'key')).resolves.toMatchObject({ uid: 'alice' })
    expect(conn.user()?.uid).toBe('alice')
    await conn.disconnect()
    expect(conn.status()).toBe('disconnected')
    await conn.connect()
    expect(conn.status()).toBe('connected')
    await expect(conn.ping()).rejects.toMatchObject({ code: 'ERROR_PING_NOT_AVAILABLE' })
    await conn.logout()
    expect(engine.calls.map((c) => c.name)).toEqual([
      'init',
      'login',
      'disconnect',
      'connect',
      'ping',
      'logout',
    ])
    expect(TestBed.inject(COMETCHAT_CONNECTION_ENGINE)).toBe(engine)
  })

  it('reports an init() failure to the ErrorHandler', async () => {
    const engine = createFakeEngine()
    const initError = new CometChatException(ErrorCodes.STORAGE_ERROR)
    engine.failNext('init', initError)
    const handleError = vi.fn()
    TestBed.configureTestingModule({
      providers: [provideCometChatConnection(engine), { provide: ErrorHandler, useValue: { handleError } }],
    })
    TestBed.inject(CometChatConnectionService)
    await vi.waitFor(() => expect(handleError).toHaveBeenCalledWith(initError))
  })

  it('injector destroy removes every subscription and listener the adapter made; an engine you own survives', () => {
    const engine = createFakeEngine()
    const parent = TestBed.inject(EnvironmentInjector)
    const injector = createEnvironmentInjector([provideCometChatConnection(engine)], parent)
    const conn = injector.get(CometChatConnectionService)
    const outlivesTheService = TestBed.inject(DestroyRef) // the listeners still go with the service's injector
    conn.onMessage(() => {}, outlivesTheService)
    conn.onUserPresence(() => {}, outlivesTheService)
    expect(engine.listenerCounts).toMatchObject({ snapshot: 1, message: 1, user: 1 })
    injector.destroy()
    expect(engine.listenerCounts).toMatchObject({ snapshot: 0, message: 0, user: 0 })
    expect(engine.destroyed).toBe(false)
  })

  it('a factory runs once per injector, lazily, and its engine is destroyed with the injector', () => {
    const engines = [createFakeEngine(), createFakeEngine()]
    const factory = vi.fn(() => engines[factory.mock.calls.length - 1]!)
    const parent = TestBed.inject(EnvironmentInjector)
    const first = createEnvironmentInjector([provideCometChatConnection(factory)], parent)
    expect(factory).not.toHaveBeenCalled()
    expect(first.get(CometChatConnectionService)).toBe(first.get(CometChatConnectionService))
    first.destroy()
    const second = createEnvironmentInjector([provideCometChatConnection(factory)], parent)
    second.get(CometChatConnectionService)
    expect(factory).toHaveBeenCalledTimes(2)
    expect(engines.map((e) => e.destroyed)).toEqual([true, false])
    second.destroy()
    expect(engines[1]!.destroyed).toBe(true)
  })

  it('onMessage/onUserPresence deliver, unsubscribe, and follow the calling component', async () => {
    const engine = createFakeEngine()
    const seen: string[] = []
    @Component({ selector: 'test-inbox', template: '' })
    class InboxComponent {
      readonly conn = inject(CometChatConnectionService)
      readonly offMessage = this.conn.onMessage((m) => seen.push(`msg:${m.text}`))
      readonly offPresence = this.conn.onUserPresence((u) => seen.push(`presence:${u.uid}:${u.status}`))
    }
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(engine)] })
    const fixture = TestBed.createComponent(InboxComponent)
    engine.emitMessage(textMessage('hi'))
    engine.emitUserOnline('bob')
    engine.emitUserOffline('bob')
    expect(seen).toEqual(['msg:hi', 'presence:bob:online', 'presence:bob:offline'])

    fixture.componentInstance.offMessage()
    expect(engine.listenerCounts.message).toBe(0)
    fixture.componentInstance.offMessage() // idempotent
    fixture.destroy()
    expect(engine.listenerCounts.user).toBe(0)
    expect(engine.listenerCounts.snapshot).toBe(1) // the root service lives on
  })

  it('a listener helper outside an injection context needs a DestroyRef', () => {
    TestBed.configureTestingModule({ providers: [provideCometChatConnection(createFakeEngine())] })
    const conn = TestBed.inject(CometChatConnectionService)
    expect(() => conn.onMessage(() => {})).toThrow(/NG0203/)
    expect(typeof conn.onMessage(() => {}, TestBed.inject(DestroyRef))).toBe('function')
  })
})
