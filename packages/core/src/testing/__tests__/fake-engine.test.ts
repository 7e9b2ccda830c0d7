import { build } from 'esbuild'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { bindActions } from '../../bindings.js'
import { type ErrorCode, isCometChatException } from '../../errors.js'
import type { ConnectionEngine, ConnectionStatus } from '../../types.js'
import { createFakeEngine, textMessage } from '../index.js'

const statuses = (engine: ConnectionEngine) => {
  const seen: ConnectionStatus[] = [engine.getSnapshot().status]
  engine.subscribe(() => {
    const s = engine.getSnapshot().status
    if (seen.at(-1) !== s) seen.push(s)
  })
  return seen
}

describe('createFakeEngine (@cometchat-connection/core/testing)', () => {
  it('is a whole ConnectionEngine: login connects in auto mode, and every call is recorded with its arguments', async () => {
    const engine = createFakeEngine()
    expectTypeOf(engine).toExtend<ConnectionEngine>()
    const seen = statuses(engine)
    const onConnected = vi.fn()
    engine.addConnectionListener('ui', { onConnected })
    await engine.init()
    const user = await engine.login({ uid: 'alice', authKey: 'key' })
    expect(user).toEqual({ uid: 'alice', name: 'alice' })
    await vi.waitFor(() => expect(engine.getConnectionStatus()).toBe('connected'))
    expect(seen).toEqual(['disconnected', 'connecting', 'connected'])
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(engine.calls).toEqual([
      { name: 'init', args: [] },
      { name: 'login', args: [{ uid: 'alice', authKey: 'key' }] },
    ])
    expect(engine.getUserAuthToken()).toBe('fake-token-alice')
  })

  it('manual mode: login opens nothing; connect() resolves once connected; ping works only then', async () => {
    const opens = vi.fn()
    const engine = createFakeEngine({ mode: 'manual', onOpen: opens })
    expect(engine.settings.autoEstablishSocketConnection).toBe(false)
    await engine.login('alice', 'key')
    expect([engine.getConnectionStatus(), opens.mock.calls.length]).toEqual(['disconnected', 0])
    await expect(engine.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' })
    await engine.connect()
    expect([engine.getConnectionStatus(), opens.mock.calls.length]).toEqual(['connected', 1])
    await expect(engine.ping()).resolves.toBeUndefined()
    await expect(engine.connect()).rejects.toMatchObject({
      code: 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE',
    })
  })

  it('a send while connecting waits for the connection (pendingSends counts it), then resolves once', async () => {
    const engine = createFakeEngine({ connects: false })
    await engine.login('alice', 'key')
    expect(engine.getConnectionStatus()).toBe('connecting')
    const sending = engine.sendMessage('bob', 'hi')
    await vi.waitFor(() => expect(engine.getSnapshot().pendingSends).toBe(1))
    expect(engine.sent).toEqual([])
    engine.set({ status: 'connected' })
    await expect(sending).resolves.toMatchObject({ sender: 'alice', receiver: 'bob', text: 'hi' })
    expect(engine.getSnapshot().pendingSends).toBe(0)
    expect(engine.sent.map((m) => m.text)).toEqual(['hi'])
  })

  it('a send with no connection coming rejects at once, and the failure is in lastError', async () => {
    const loggedOut = createFakeEngine()
    await expect(loggedOut.sendMessage('bob', 'hi')).rejects.toMatchObject({ code: 'ERR_NOT_LOGGED_IN' })
    expect(loggedOut.getSnapshot().lastError?.code).toBe('ERR_NOT_LOGGED_IN')

    const manual = createFakeEngine({ mode: 'manual', user: 'alice' })
    await expect(manual.sendMessage('bob', 'hi')).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' })

    const hidden = createFakeEngine({ user: 'alice' })
    hidden.set({ status: 'disconnected', appState: 'background' })
    await expect(hidden.sendMessage('bob', 'hi')).rejects.toMatchObject({ code: 'ERR_APP_IN_BACKGROUND' })
    expect(hidden.getSnapshot().lastError?.code).toBe('ERR_APP_IN_BACKGROUND')

    await expect(hidden.sendMessage('', 'hi')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    expect(hidden.getSnapshot().lastError?.code).toBe('ERR_APP_IN_BACKGROUND') // a bad argument is not state
  })

  it('failNext: the next login fails like the real one (loggingIn, then lastError), the one after succeeds', async () => {
    const engine = createFakeEngine()
    engine.failNext('login', 'ERR_AUTH_FAILED')
    const logging: boolean[] = []
    engine.subscribe(() => logging.push(engine.getSnapshot().loggingIn))
    const error = await engine.login('carol', 'wrong').catch((e: unknown) => e)
    expect(isCometChatException(error, 'ERR_AUTH_FAILED')).toBe(true)
    expect(engine.getSnapshot().lastError).toBe(error)
    expect(engine.getSnapshot().user).toBeNull()
    expect(logging).toContain(true)
    expect(engine.getSnapshot().loggingIn).toBe(false)
    await engine.login('carol', 'right')
    expect(engine.getSnapshot().lastError).toBeNull()
  })

  it('failNext by code gives the message the library gives that code, also for codes the engine never raises', async () => {
    const engine = createFakeEngine({ user: 'alice' })
    const messageOf = async (code: ErrorCode) => {
      engine.failNext('sendMessage', code)
      return ((await engine.sendMessage('bob', 'hi').catch((e: unknown) => e)) as Error).message
    }
    expect(await messageOf('ERR_SERVER_ERROR')).toBe('The server refused the request.')
    expect(await messageOf('ERR_NOT_INITIALIZED')).toBe('Call CometChat.init() first.')
    expect(await messageOf('ERR_SERVER_PLATFORM')).toBe('Server rendering: call this in the browser.')
    expect(await messageOf('ERR_SEND_TIMEOUT')).toBe('Not sent in time: check the connection, send again.')
  })

  it('presence events keep onlineUsers; replayed messages and recovery reach the listeners', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const events: string[] = []
    const off = engine.addUserListener('p', { onUserOnline: (u) => events.push(`+${u.uid}`) })
    engine.addConnectionListener('c', {
      onResumed: (i) => events.push(`resumed ${i.replayed}`),
      onContinuityLost: (i) => events.push(`lost ${i.reason} after ${i.lastDeliveredMessageId}`),
    })
    engine.addMessageListener('m', {
      onTextMessageReceived: (m) => events.push(`${m.text}${m.replayed ? '*' : ''}`),
    })
    engine.emitUserOnline('bob')
    engine.emitUserOnline('carol')
    engine.emitUserOffline('bob')
    expect(engine.getSnapshot().onlineUsers.map((u) => u.uid)).toEqual(['carol'])
    engine.emitResumed(1)
    engine.emitMessage(textMessage('missed', { id: 'm-9', replayed: true }))
    engine.emitContinuityLost('window')
    expect(engine.getSnapshot().recovery).toEqual({ resumed: false, reason: 'window' })
    off()
    engine.emitUserOnline('dave')
    expect(events).toEqual(['+bob', '+carol', 'resumed 1', 'missed*', 'lost window after m-9'])
    expect(engine.listenerCounts).toMatchObject({ user: 0, connection: 1, message: 1 })
  })

  it('destroy() removes everything; later actions reject ERR_ENGINE_DESTROYED; a waiting send is released', async () => {
    const engine = createFakeEngine({ connects: false })
    await engine.login('alice', 'key')
    const waiting = engine.sendMessage('bob', 'hi')
    engine.subscribe(() => {})
    engine.destroy()
    await expect(waiting).rejects.toMatchObject({ code: 'ERR_ENGINE_DESTROYED' })
    expect(engine.destroyed).toBe(true)
    expect(engine.listenerCounts).toEqual({ snapshot: 0, connection: 0, message: 0, user: 0 })
    await expect(engine.connect()).rejects.toMatchObject({ code: 'ERR_ENGINE_DESTROYED' })
  })

  it('works with the adapters’ bound actions, which leave failures to the snapshot', async () => {
    const engine = createFakeEngine({ mode: 'manual' })
    const { connect } = bindActions(engine)
    await expect(connect()).rejects.toMatchObject({ code: 'ERR_NOT_LOGGED_IN' })
    expect(engine.getSnapshot().lastError?.code).toBe('ERR_NOT_LOGGED_IN')
  })

  it('stays out of the main entry: a bundle of everything it exports has none of it', async () => {
    const out = await build({
      stdin: {
        contents: "export * from './src/index.ts'",
        resolveDir: new URL('../../..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
    })
    const code = out.outputFiles[0]!.text
    expect(code).toContain('function createConnectionEngine')
    expect(code).not.toContain('createFakeEngine')
    expect(code).not.toContain('failNext')
  })
})
