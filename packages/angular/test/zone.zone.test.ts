// Runs with zone.js loaded (the `zone` vitest project) and zone-based change detection.
import { ApplicationRef, Component, inject, NgZone, provideZoneChangeDetection } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { createFakeEngine, type FakeEngine, textMessage } from '@cometchat-connection/test-kit'
import { describe, expect, it, vi } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'

@Component({
  selector: 'test-login',
  template: '<b>{{ conn.status() }}</b><button (click)="conn.login(\'alice\')">login</button>',
})
class LoginComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly handledInZone: boolean[] = []
  readonly off = this.conn.onMessage(() => this.handledInZone.push(NgZone.isInAngularZone()))
}

/** A fake engine whose socket never opens by itself (the test plays the socket callback), and where each call ran. */
function setup(): { engine: FakeEngine; factoryInZone: boolean[]; callsInZone: boolean[] } {
  const factoryInZone: boolean[] = []
  const callsInZone: boolean[] = []
  let engine: FakeEngine | undefined
  TestBed.configureTestingModule({
    providers: [
      provideZoneChangeDetection(),
      provideCometChatConnection(() => {
        factoryInZone.push(NgZone.isInAngularZone())
        engine = createFakeEngine({
          connects: false,
          onCall: () => callsInZone.push(NgZone.isInAngularZone()),
        })
        return engine
      }),
    ],
  })
  TestBed.inject(CometChatConnectionService)
  return { engine: engine!, factoryInZone, callsInZone }
}

describe('zone.js apps', () => {
  it('zone.js: engine calls run outside the Angular zone; signal updates still reach the DOM', async () => {
    const { engine, factoryInZone, callsInZone } = setup()
    expect(TestBed.inject(NgZone)).toBeInstanceOf(NgZone)
    expect(Zone.current.name).not.toBe('angular')
    const fixture = TestBed.createComponent(LoginComponent)
    fixture.autoDetectChanges()
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('disconnected')

    fixture.nativeElement.querySelector('button').click() // runs in the Angular zone
    await vi.waitFor(() => expect(engine.getSnapshot().status).toBe('connecting')) // the login request is async
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('connecting')

    // A change that arrives from a socket callback, in the root zone: no zone task, yet the DOM follows.
    Zone.root.run(() => engine.set({ status: 'connected' }))
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('connected')

    expect(factoryInZone).toEqual([false])
    expect(engine.calls.map((c) => c.name)).toEqual(['init', 'login'])
    expect(callsInZone).toEqual([false, false])
  })

  it('zone.js: listener handlers run inside the Angular zone; the app stays stable', async () => {
    const { engine } = setup()
    const fixture = TestBed.createComponent(LoginComponent)
    fixture.autoDetectChanges()
    await fixture.whenStable()
    Zone.root.run(() => engine.emitMessage(textMessage('hi')))
    expect(fixture.componentInstance.handledInZone).toEqual([true])
    await expect(TestBed.inject(ApplicationRef).whenStable()).resolves.toBeUndefined()
  })
})
