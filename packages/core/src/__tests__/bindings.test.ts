import { describe, expect, it } from 'vitest'
import { bindActions, forwardListener } from '../bindings.js'
import { harness, loginAs } from './harness.js'

describe('binding helpers', () => {
  it('forwardListener calls the latest handler without re-registering, and its stop function removes it', async () => {
    const h = harness()
    const seen: string[] = []
    let handlers = { onConnected: () => seen.push('first') }
    const stop = forwardListener(h.engine, 'Connection', () => handlers)
    await loginAs(h.engine)
    h.last().accept()
    handlers = { onConnected: () => seen.push('second') }
    h.appState.set('background')
    h.appState.set('foreground')
    h.last().accept()
    expect(seen).toEqual(['first', 'second'])
    stop()
    h.appState.set('background')
    h.appState.set('foreground')
    h.last().accept()
    expect(seen).toEqual(['first', 'second'])
  })

  it('bindActions gives free functions that act on the engine', async () => {
    const h = harness({ mode: 'manual' })
    const { login, connect, disconnect } = bindActions(h.engine)
    await login('alice', 'demo-auth-key')
    const connecting = connect()
    h.last().accept()
    await connecting
    expect(h.engine.getConnectionStatus()).toBe('connected')
    await disconnect()
    expect(h.engine.getConnectionStatus()).toBe('disconnected')
  })
})
