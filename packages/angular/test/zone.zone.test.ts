// Runs with zone.js loaded (the `zone` vitest project) and zone-based change detection.
import { ApplicationRef, Component, inject, NgZone, provideZoneChangeDetection } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import type { TextMessage } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { CometChatConnectionService, provideCometChatConnection } from '../src'
import { createFakeEngine, type FakeEngine } from './support/fake-engine'

@Component({
  selector: 'test-login',
  template: '<b>{{ conn.status() }}</b><button (click)="conn.login(\'alice\')">login</button>',
})
class LoginComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly handledInZone: boolean[] = []
  readonly off = this.conn.onMessage(() => this.handledInZone.push(NgZone.isInAngularZone()))
}

function setup(): { engine: FakeEngine; factoryInZone: boolean[] } {
  const factoryInZone: boolean[] = []
  let engine: FakeEngine | undefined
  TestBed.configureTestingModule({
    providers: [
      provideZoneChangeDetection(),
      provideCometChatConnection(() => {
        factoryInZone.push(NgZone.isInAngularZone())
        engine = createFakeEngine(() => NgZone.isInAngularZone())
        return engine
      }),
    ],
  })
  TestBed.inject(CometChatConnectionService)
  return { engine: engine!, factoryInZone }
}

describe('zone.js apps', () => {
  it('zone.js: engine calls run outside the Angular zone; signal updates still reach the DOM', async () => {
    const { engine, factoryInZone } = setup()
    expect(TestBed.inject(NgZone)).toBeInstanceOf(NgZone)
    expect(Zone.current.name).not.toBe('angular')
    const fixture = TestBed.createComponent(LoginComponent)
    fixture.autoDetectChanges()
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('disconnected')

    fixture.nativeElement.querySelector('button').click() // runs in the Angular zone
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('connecting')

    // A change that arrives from a socket callback, in the root zone: no zone task, yet the DOM follows.
    Zone.root.run(() => engine.set({ status: 'connected' }))
    await fixture.whenStable()
    expect(fixture.nativeElement.querySelector('b').textContent).toBe('connected')

    expect(factoryInZone).toEqual([false])
    expect(engine.calls).toEqual(['init', 'login'])
    expect(engine.inAngularZone).toEqual([false, false])
  })

  it('zone.js: listener handlers run inside the Angular zone; the app stays stable', async () => {
    const { engine } = setup()
    const fixture = TestBed.createComponent(LoginComponent)
    fixture.autoDetectChanges()
    await fixture.whenStable()
    const [listener] = [...engine.messageListeners.values()]
    Zone.root.run(() => listener?.onTextMessageReceived?.({ text: 'hi' } as TextMessage))
    expect(fixture.componentInstance.handledInZone).toEqual([true])
    await expect(TestBed.inject(ApplicationRef).whenStable()).resolves.toBeUndefined()
  })
})
