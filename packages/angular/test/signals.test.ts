import { Component, ErrorHandler, inject } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { CometChatException, ErrorCodes } from '@cometchat-connection/core'
import { createFakeEngine, textMessage } from '@cometchat-connection/core/testing'
import { describe, expect, it, vi } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'

/** Provides a fake engine and an ErrorHandler spy; returns the service. */
function setup(engine = createFakeEngine({ user: 'alice' })) {
  const handleError = vi.fn()
  TestBed.configureTestingModule({
    providers: [provideCometChatConnection(engine), { provide: ErrorHandler, useValue: { handleError } }],
  })
  return { engine, handleError, conn: TestBed.inject(CometChatConnectionService) }
}

@Component({
  selector: 'test-online',
  template: `@for (u of conn.onlineUsers(); track u.uid) {<i>{{ u.uid }}</i>}|{{ conn.recovery()?.resumed }}`,
})
class OnlineComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly seen: string[] = []
  readonly off = this.conn.onConnection({
    onResumed: ({ replayed }) => this.seen.push(`resumed ${replayed}`),
    onContinuityLost: ({ reason }) => this.seen.push(`lost ${reason}`),
    onConnectionError: (e) => this.seen.push(e.code),
  })
  readonly offMessages = this.conn.onMessage((m) => this.seen.push(`${m.text}${m.replayed ? '*' : ''}`))
}

describe('CometChatConnectionService: presence, recovery, progress, sendMessage', () => {
  it('onlineUsers, recovery, loggingIn and pendingSends are signals of the snapshot', async () => {
    const { engine, conn } = setup(createFakeEngine({ connects: false }))
    const fixture = TestBed.createComponent(OnlineComponent)
    const logging = conn.login({ uid: 'alice', authKey: 'key' })
    expect(conn.loggingIn()).toBe(true)
    await logging
    expect(conn.loggingIn()).toBe(false)
    const sending = conn.sendMessage('bob', 'hi') // connecting: waits for the connection
    await vi.waitFor(() => expect(conn.pendingSends()).toBe(1))
    engine.set({ status: 'connected' })
    await expect(sending).resolves.toMatchObject({ text: 'hi', receiver: 'bob' })
    expect(conn.pendingSends()).toBe(0)
    engine.emitUserOnline('bob')
    engine.emitUserOnline('carol')
    engine.emitResumed(2)
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe('bobcarol|true')
    expect(conn.recovery()).toEqual({ resumed: true, replayed: 2 })
    engine.emitUserOffline('bob')
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe('carol|true')
    expect(engine.calls.map((c) => [c.name, c.args[0]])).toEqual([
      ['init', undefined],
      ['login', { uid: 'alice', authKey: 'key' }],
      ['sendMessage', 'bob'],
    ])
  })

  it('onConnection gets the resume signals and errors; replayed messages reach onMessage; both go with the component', () => {
    const { engine } = setup()
    const fixture = TestBed.createComponent(OnlineComponent)
    engine.emitResumed(1)
    engine.emitMessage(textMessage('missed', { replayed: true }))
    engine.emitMessage(textMessage('live'))
    engine.emitContinuityLost('position')
    engine.emitConnectionError(new CometChatException(ErrorCodes.WEBSOCKET_ERROR))
    expect(fixture.componentInstance.seen).toEqual([
      'resumed 1',
      'missed*',
      'live',
      'lost position',
      ErrorCodes.WEBSOCKET_ERROR,
    ])
    expect(engine.listenerCounts).toMatchObject({ connection: 1, message: 1 })
    fixture.destroy()
    expect(engine.listenerCounts).toMatchObject({ connection: 0, message: 0 })
  })

  it('a failure the snapshot shows needs no handling; any other failure goes to the ErrorHandler', async () => {
    const { engine, conn, handleError } = setup(createFakeEngine({ mode: 'manual', user: 'alice' }))
    void conn.sendMessage('bob', 'hi') // manual mode before connect(): no connection is coming
    await vi.waitFor(() => expect(conn.lastError()?.code).toBe('ERR_NOT_CONNECTED'))
    engine.failNext('login', 'ERR_AUTH_FAILED')
    void conn.login('carol', 'wrong')
    await vi.waitFor(() => expect(conn.lastError()?.code).toBe('ERR_AUTH_FAILED'))
    expect(handleError.mock.calls.map((c) => String(c[0]))).toEqual([])
    void conn.sendMessage('', 'hi')
    await vi.waitFor(() =>
      expect(handleError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' })),
    )
  })
})
