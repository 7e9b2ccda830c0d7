import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  bindActions,
  CONNECTION_ACTIONS,
  forwardListener,
  serverActions,
  settleInState,
  startEngine,
} from '../bindings.js'
import { CometChatException } from '../errors.js'
import { createFakeEngine } from '../testing/index.js'
import { flush, harness, loginAs } from './harness.js'

const realReportError = globalThis.reportError
afterEach(() => {
  globalThis.reportError = realReportError
})

/** Replaces the global `reportError` (what the helpers report to by default) with a spy. */
function spyOnReportError() {
  const spy = vi.fn()
  globalThis.reportError = spy
  return spy
}

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

  it('forwardListener forwards the resume signals: onResumed and onContinuityLost', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const seen: string[] = []
    forwardListener(engine, 'Connection', () => ({
      onResumed: ({ replayed }) => seen.push(`resumed:${replayed}`),
      onContinuityLost: ({ reason }) => seen.push(`lost:${reason}`),
    }))
    engine.emitResumed(3)
    engine.emitContinuityLost('epoch')
    expect(seen).toEqual(['resumed:3', 'lost:epoch'])
  })

  it('bindActions includes sendMessage: a send right after login (auto mode) waits for the connection', async () => {
    expect(CONNECTION_ACTIONS).toContain('sendMessage')
    const h = harness()
    const { login, sendMessage } = bindActions(h.engine)
    await login('alice', 'demo-auth-key')
    void sendMessage('bob', 'hi')
    h.last().accept()
    await flush()
    const frame = h.last().sent.find((f) => f.type === 'send-message')
    expect(frame).toMatchObject({ receiver: 'bob', text: 'hi' })
  })

  it('a bound action whose failure is in lastError needs no catch: nothing is reported, awaiting still rejects', async () => {
    const report = spyOnReportError()
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const h = harness({ mode: 'manual' })
    const { connect } = bindActions(h.engine)
    const failed = connect() // not logged in; no catch attached here
    await flush()
    await new Promise((resolve) => setImmediate(resolve)) // Node reports unhandled rejections by then
    process.off('unhandledRejection', unhandled)
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_NOT_LOGGED_IN')
    expect(unhandled).not.toHaveBeenCalled()
    expect(report).not.toHaveBeenCalled()
    await expect(failed).rejects.toBe(h.engine.getSnapshot().lastError)
  })

  it('a failure the snapshot does not show (a bad argument) is reported, so it is never silent', async () => {
    const report = spyOnReportError()
    const h = harness()
    await loginAs(h.engine)
    const { sendMessage } = bindActions(h.engine)
    await expect(sendMessage('', 'hi')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    await flush()
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }))
  })

  it('on the server, every action rejects ERR_SERVER_PLATFORM saying where to call it', async () => {
    const actions = serverActions()
    for (const name of CONNECTION_ACTIONS)
      await expect((actions[name] as () => Promise<unknown>)()).rejects.toMatchObject({
        code: 'ERR_SERVER_PLATFORM',
        message: 'Server rendering: call this in the browser.',
      })
  })

  it('settleInState reports to the function given; cancellations are not reported', async () => {
    const engine = createFakeEngine()
    const report = vi.fn()
    const other = new CometChatException('ERR_STORAGE_ERROR')
    await settleInState(engine, Promise.reject(other), report).catch(() => {})
    await settleInState(engine, Promise.reject(new CometChatException('ERR_CANCELLED')), report).catch(
      () => {},
    )
    await flush()
    expect(report.mock.calls).toEqual([[other]])
  })

  it('startEngine runs init() and reports its failure', async () => {
    const engine = createFakeEngine()
    const report = vi.fn()
    engine.failNext('init', 'ERR_STORAGE_ERROR')
    startEngine(engine, report)
    await flush()
    expect(engine.calls.map((c) => c.name)).toEqual(['init'])
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_STORAGE_ERROR' }))
  })

  it('a failure that was in lastError counts as shown even if something replaced it before the promise settled', async () => {
    const report = spyOnReportError()
    const engine = createFakeEngine({ mode: 'manual', user: 'alice' })
    const { sendMessage, login } = bindActions(engine)
    const failed = sendMessage('bob', 'hi') // no connection coming: ERR_NOT_CONNECTED, into lastError
    void login('alice', 'key') // clears lastError at once, before the send's rejection is handled
    await expect(failed).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' })
    await flush()
    expect(engine.getSnapshot().lastError).toBeNull()
    expect(report).not.toHaveBeenCalled()
    expect(engine.listenerCounts.snapshot).toBe(0) // the watch on lastError ended with the actions
  })
})
