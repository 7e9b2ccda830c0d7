import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { CometChatException } from '../errors.js'
import { createMemoryStorage } from '../ports/storage.js'
import { type AppSettings, AppSettingsBuilder } from '../settings.js'
import { SERVER_SNAPSHOT } from '../snapshot.js'
import type { SessionStorageLike } from '../types.js'
import { FakeSocket, fakeFetch, flush, harness, loginAs } from './harness.js'

// The shell around the machine (engine.ts): argument checks and their messages, storage failures,
// listener and subscriber bookkeeping, the login and logout requests, and saving the stream position.

/** A storage whose `method` fails; the others work. */
function failing(method: keyof SessionStorageLike): SessionStorageLike & { cause: Error } {
  const ok = createMemoryStorage()
  const cause = new Error(`disk full (${method})`)
  const fail = () => Promise.reject(cause)
  return {
    getItem: method === 'getItem' ? fail : (k) => ok.getItem(k),
    setItem: method === 'setItem' ? fail : (k, v) => ok.setItem(k, v),
    removeItem: method === 'removeItem' ? fail : (k) => ok.removeItem(k),
    cause,
  }
}

describe('the shell: arguments, storage, listeners, requests', () => {
  it('bad options name what was expected', () => {
    expect(() => createConnectionEngine({ appId: '' })).toThrow(/a non-empty string/)
    expect(() => createConnectionEngine({ appId: 'x', settings: {} as AppSettings })).toThrow(
      /settings.*new AppSettingsBuilder\(\)\.build\(\)/,
    )
  })

  it('a failing storage: ERR_STORAGE_ERROR saying which step failed, with the cause', async () => {
    for (const [method, step, words] of [
      ['getItem', (e: ReturnType<typeof harness>['engine']) => e.init(), '(reading the session)'],
      [
        'setItem',
        (e: ReturnType<typeof harness>['engine']) => e.login('alice', 'demo-auth-key'),
        '(saving the session)',
      ],
      ['removeItem', (e: ReturnType<typeof harness>['engine']) => e.logout(), '(removing the session)'],
    ] as const) {
      const storage = failing(method)
      const h = harness({ storage })
      const error = await step(h.engine).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ERR_STORAGE_ERROR', details: { cause: storage.cause } })
      expect((error as Error).message).toContain(words)
      h.engine.destroy()
    }
  })

  it('sendMessage: a receiver or text that is not a string is refused, naming which', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const receiver = await h.engine.sendMessage(42 as unknown as string, 'hi').catch((e: Error) => e)
    expect(receiver).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    expect((receiver as Error).message).toMatch(/receiver uid.*a non-empty string/)
    const text = await h.engine.sendMessage('bob', 5 as unknown as string).catch((e: Error) => e)
    expect((text as Error).message).toMatch(/message text.*a non-empty string/)
    expect(h.last().sent.filter((f) => f.type === 'send-message')).toEqual([])
  })

  it('login: blank credentials are refused naming the forms; a malformed answer is ERR_AUTH_FAILED with it', async () => {
    const h = harness()
    const blank = await h.engine.login('alice', '   ').catch((e: Error) => e)
    expect(blank).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    expect((blank as Error).message).toMatch(/login.*\{ uid, authKey \} or \{ authToken \}/)

    const answer = { user: { uid: 'alice' } } // no token, no name
    const odd = createConnectionEngine({
      appId: 'x',
      platform: {
        fetch: (async () => new Response(JSON.stringify(answer), { status: 200 })) as typeof fetch,
        storage: createMemoryStorage(),
        WebSocket: FakeSocket,
      },
    })
    const error = await odd.login('alice', 'k').catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'ERR_AUTH_FAILED', details: { answer } })
    expect((error as Error).message).toContain('(malformed answer)')
    odd.destroy()
  })

  it('login: what is not a CometChatException becomes ERR_AUTH_FAILED with it as the cause', async () => {
    const h = harness()
    const cause = new Error('getter failed')
    const credentials = {
      get authToken(): string {
        throw cause
      },
    }
    const error = await h.engine.login(credentials).catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'ERR_AUTH_FAILED', details: { cause } })
  })

  it('the hint about a missing auth key: only for a bare string refused as a token', async () => {
    const h = harness()
    const key = await h.engine.login('alice', 'wrong-key').catch((e: Error) => e)
    expect(key).toMatchObject({ code: 'ERR_AUTH_FAILED' })
    expect((key as Error).message).not.toContain('pass the auth key')
    const bare = await h.engine.login('alice').catch((e: Error) => e)
    expect((bare as Error).message).toContain('If "alice" is a uid, pass the auth key too')
    const down = createConnectionEngine({
      appId: 'x',
      platform: {
        fetch: (() => Promise.reject(new TypeError('down'))) as typeof fetch,
        storage: createMemoryStorage(),
      },
    })
    const offline = await down.login('alice').catch((e: Error) => e)
    expect(offline).toMatchObject({ code: 'ERR_NETWORK_REQUEST_FAILED' })
    expect((offline as Error).message).not.toContain('pass the auth key')
    down.destroy()
  })

  it('login and logout are POSTs of JSON with the app id; logout revokes the token it had', async () => {
    const calls: Array<{ url: string; method?: string; type: string | null; body: Record<string, unknown> }> =
      []
    const inner = fakeFetch()
    const fetch: typeof globalThis.fetch = (async (input: string, init?: RequestInit) => {
      const type = new Headers(init?.headers).get('content-type')
      calls.push({ url: input, method: init?.method, type, body: JSON.parse(String(init?.body)) })
      return inner(input, init)
    }) as typeof fetch
    const engine = createConnectionEngine({
      appId: 'app-1',
      platform: { fetch, storage: createMemoryStorage(), WebSocket: FakeSocket },
    })
    await engine.login('alice', 'demo-auth-key')
    await engine.logout()
    await flush()
    expect(calls.map((c) => [c.url.replace(/^.*\/v1\//, ''), c.method])).toEqual([
      ['login', 'POST'],
      ['logout', 'POST'],
    ])
    expect(calls[1]?.body).toEqual({ appId: 'app-1', authToken: 'tok-alice' })
    expect(calls.map((c) => c.type)).toEqual(['application/json', 'application/json'])
    engine.destroy()
  })

  it('listeners run in the order their ids were first added; a change made while they run counts from the next call', async () => {
    const h = harness()
    const heard: string[] = []
    const listener = (name: string) => ({ onTextMessageReceived: () => heard.push(name) })
    h.engine.addMessageListener('a', listener('a'))
    h.engine.addMessageListener('b', listener('b'))
    h.engine.addMessageListener('c', listener('c'))
    h.engine.addMessageListener('a', listener('a2')) // replaced in its place
    h.engine.removeMessageListener('b')
    h.engine.addMessageListener('d', {
      onTextMessageReceived: () => {
        heard.push('d')
        h.engine.removeMessageListener('e') // still called this time
        h.engine.addMessageListener('f', listener('f')) // called from the next message on
      },
    })
    h.engine.addMessageListener('e', listener('e'))
    await loginAs(h.engine)
    h.last().accept()
    const message = (id: string) => ({
      type: 'message' as const,
      message: { id, sender: 'b', receiver: 'alice', text: 't', sentAt: 1 },
    })
    h.last().serverSend(message('m1'))
    h.last().serverSend(message('m2'))
    expect(heard).toEqual(['a2', 'c', 'd', 'e', 'a2', 'c', 'd', 'f'])
  })

  it('getLoggedInUser() before init() restores the saved session first', async () => {
    const storage = createMemoryStorage()
    const first = harness({ storage })
    await loginAs(first.engine)
    first.engine.destroy()
    const second = harness({ storage })
    expect(await second.engine.getLoggedInUser()).toMatchObject({ uid: 'alice' })
  })

  it('the remover a listener registration returns removes that listener only, of every kind', async () => {
    const h = harness()
    // Removing what was never added is fine.
    h.engine.removeConnectionListener('none')
    h.engine.removeMessageListener('none')
    h.engine.removeUserListener('none')
    const heard: string[] = []
    const removeOld = h.engine.addConnectionListener('ui', { onConnected: () => heard.push('old') })
    h.engine.addConnectionListener('ui', { onConnected: () => heard.push('new') }) // replaces it
    removeOld() // a stale remover: the newer listener under the same id stays
    const removeMsg = h.engine.addMessageListener('m', { onTextMessageReceived: () => heard.push('msg') })
    const removeUser = h.engine.addUserListener('u', { onUserOnline: () => heard.push('online') })
    await loginAs(h.engine)
    h.last().accept()
    removeMsg()
    removeUser()
    h.last().serverSend({
      type: 'message',
      message: { id: 'm1', sender: 'b', receiver: 'alice', text: 't', sentAt: 1 },
    })
    h.last().serverSend({ type: 'presence', user: { uid: 'bob', name: 'bob' }, status: 'online', at: 1 })
    expect(heard).toEqual(['new'])
  })

  it('subscribe: a callback is required; after destroy() it is a no-op that is never called', async () => {
    const h = harness()
    expect(() => h.engine.subscribe(undefined as unknown as () => void)).toThrow(
      /subscribe callback.*a function/,
    )
    h.engine.destroy()
    let calls = 0
    const unsubscribe = h.engine.subscribe(() => calls++)
    unsubscribe()
    await h.engine.login('alice', 'demo-auth-key').catch(() => {})
    expect(calls).toBe(0)
  })

  it('getSnapshot and subscribe work detached (useSyncExternalStore), and are the same functions every time', async () => {
    const h = harness()
    const { getSnapshot, subscribe } = h.engine
    // A new function per read would make useSyncExternalStore unsubscribe and subscribe on every render.
    expect(h.engine.getSnapshot).toBe(getSnapshot)
    expect(h.engine.subscribe).toBe(subscribe)
    const seen: string[] = []
    const off = subscribe(() => seen.push(getSnapshot().status))
    await loginAs(h.engine)
    h.last().accept()
    off()
    h.engine.destroy()
    expect([...new Set(seen)]).toEqual(['disconnected', 'connecting', 'connected']) // the login, then the socket
  })

  it('the stream position is saved once per burst of messages, and not when it did not move', async () => {
    const storage = createMemoryStorage()
    const writes: string[] = []
    const counting: SessionStorageLike = {
      getItem: (k) => storage.getItem(k),
      removeItem: (k) => storage.removeItem(k),
      setItem: (k, v) => {
        if (k.includes('position')) writes.push(v)
        return storage.setItem(k, v)
      },
    }
    const h = harness({ storage: counting })
    await loginAs(h.engine)
    h.last().accept()
    const message = (id: string, offset: number) =>
      h.last().serverSend({
        type: 'message',
        message: { id, sender: 'b', receiver: 'alice', text: 't', sentAt: 1 },
        offset,
      })
    message('m1', 1)
    message('m2', 2)
    message('m3', 3)
    await flush()
    expect(writes.map((w) => JSON.parse(w).id)).toEqual(['m3'])
    message('m3', 3) // a repeat: the position stays
    h.last().serverSend({ type: 'throttle', feature: 'messages', retryAfterMs: 1 })
    await flush()
    expect(writes).toHaveLength(1)
    message('m4', 4)
    await flush()
    expect(writes.map((w) => JSON.parse(w).id)).toEqual(['m3', 'm4'])
  })
})

describe('the shell: order of events, a destroyed engine, the login request', () => {
  it('an event a listener causes waits for the event being handled: queued sends go out before a send made in onConnected', async () => {
    const h = harness()
    await loginAs(h.engine)
    void h.engine.sendMessage('bob', 'queued').catch(() => {})
    h.engine.addConnectionListener('eager', {
      onConnected: () => void h.engine.sendMessage('bob', 'from the listener').catch(() => {}),
    })
    h.last().accept()
    expect(h.last().sent.map((f) => (f.type === 'send-message' ? f.text : f.type))).toEqual([
      'auth',
      'queued',
      'from the listener',
    ])
  })

  it('a frame that arrives while the machine is busy waits its turn: after a disconnect() a listener asked for, it is not delivered', async () => {
    // A server that pushes a chat message the moment it receives a send (synchronously, as a test double can).
    class Chatty extends FakeSocket {
      override send(data: string): void {
        super.send(data)
        if (JSON.parse(data).type === 'send-message')
          this.serverSend({
            type: 'message',
            message: { id: 'm1', sender: 'bob', receiver: 'alice', text: 'hi', sentAt: 1 },
          })
      }
    }
    FakeSocket.instances = []
    const heard: string[] = []
    const engine = createConnectionEngine({
      appId: 'test-app',
      platform: { WebSocket: Chatty, fetch: fakeFetch(), storage: createMemoryStorage(), random: () => 0.5 },
    })
    engine.addMessageListener('m', { onTextMessageReceived: (m) => heard.push(m.id) })
    await engine.login('alice', 'demo-auth-key')
    void engine.sendMessage('bob', 'queued').catch(() => {})
    engine.addConnectionListener('leave', { onConnected: () => void engine.disconnect() })
    FakeSocket.instances.at(-1)!.accept()
    await flush()
    expect(engine.getConnectionStatus()).toBe('disconnected')
    expect(heard).toEqual([]) // it came after the disconnect, on a socket the app had closed
    engine.destroy()
  })

  it('init() after destroy() rejects ERR_ENGINE_DESTROYED', async () => {
    const h = harness()
    h.engine.destroy()
    await expect(h.engine.init()).rejects.toMatchObject({
      code: 'ERR_ENGINE_DESTROYED',
      message: new CometChatException('ERR_ENGINE_DESTROYED').message,
    })
  })

  it('destroy() while a login saves its session: the login rejects ERR_ENGINE_DESTROYED and no socket opens', async () => {
    const memory = createMemoryStorage()
    let release: () => void = () => {}
    const slow: SessionStorageLike = {
      getItem: (k) => memory.getItem(k),
      removeItem: (k) => memory.removeItem(k),
      setItem: (k, v) =>
        new Promise<void>((resolve) => {
          release = () => resolve(memory.setItem(k, v) as unknown as undefined)
        }),
    }
    const h = harness({ storage: slow })
    const login = h.engine.login('alice', 'demo-auth-key')
    login.catch(() => {})
    await flush()
    h.engine.destroy()
    release()
    await expect(login).rejects.toMatchObject({ code: 'ERR_ENGINE_DESTROYED' })
    expect(h.sockets()).toHaveLength(0)
    expect(h.engine.getSnapshot()).toMatchObject({ status: 'disconnected', user: null })
  })

  it('login with null or a non-string uid is ERR_INVALID_ARGUMENT, not a failed request', async () => {
    const h = harness()
    for (const args of [[null], [42, 'demo-auth-key'], ['alice', 7]] as const) {
      const error = await (h.engine.login as (...a: unknown[]) => Promise<unknown>)(...args).catch(
        (e: Error) => e,
      )
      expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
    expect(h.fetch.calls).toEqual([])
  })

  it('a login failing on something else than a CometChatException: ERR_AUTH_FAILED with its standard message', async () => {
    const h = harness()
    const credentials = {
      get uid(): string {
        throw new Error('getter failed')
      },
      authKey: 'k',
    }
    const error = await h.engine.login(credentials).catch((e: Error) => e)
    expect(error).toMatchObject({
      code: 'ERR_AUTH_FAILED',
      message: new CometChatException('ERR_AUTH_FAILED').message,
    })
  })

  it('removing a listener by id, of an engine that never had one of that kind, or one that did', async () => {
    const engine = createConnectionEngine({
      appId: 'x',
      platform: { fetch: fakeFetch(), storage: createMemoryStorage(), WebSocket: FakeSocket },
    })
    expect(() => engine.removeConnectionListener('none')).not.toThrow()
    expect(() => engine.removeMessageListener('none')).not.toThrow()
    expect(() => engine.removeUserListener('none')).not.toThrow()
    const heard: string[] = []
    engine.addMessageListener('m', { onTextMessageReceived: (m) => heard.push(m.id) })
    engine.addUserListener('u', { onUserOnline: (u) => heard.push(u.uid) })
    engine.addConnectionListener('c', { onConnected: () => heard.push('connected') })
    engine.removeMessageListener('m')
    engine.removeUserListener('u')
    engine.removeConnectionListener('c')
    FakeSocket.instances = []
    await engine.login('alice', 'demo-auth-key')
    const socket = FakeSocket.instances.at(-1)!
    socket.accept()
    socket.serverSend({
      type: 'message',
      message: { id: 'm1', sender: 'b', receiver: 'alice', text: 't', sentAt: 1 },
    })
    socket.serverSend({ type: 'presence', user: { uid: 'bob', name: 'bob' }, status: 'online', at: 1 })
    expect(engine.getConnectionStatus()).toBe('connected')
    expect(heard).toEqual([])
    engine.destroy()
  })
})

describe('the shell before init()', () => {
  it('a new engine shows the snapshot of nobody logged in: disconnected, idle, not logging in, no online users', () => {
    const engine = createConnectionEngine({
      appId: 'x',
      settings: new AppSettingsBuilder().autoEstablishSocketConnection(false).build(),
      platform: { storage: createMemoryStorage(), WebSocket: FakeSocket, fetch: fakeFetch() },
    })
    expect(engine.getSnapshot()).toEqual({ ...SERVER_SNAPSHOT, mode: 'manual' })
    engine.destroy()
  })

  it('settings that are null are refused like any other malformed settings', () => {
    expect(() => createConnectionEngine({ appId: 'x', settings: null as unknown as AppSettings })).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringMatching(/^Invalid settings:/),
      }),
    )
  })

  it('the first request of any kind restores the saved session first: connect() without init() connects', async () => {
    const storage = createMemoryStorage()
    const first = harness({ storage, mode: 'manual' })
    await loginAs(first.engine)
    first.engine.destroy()
    const second = harness({ storage, mode: 'manual' })
    const connecting = second.engine.connect()
    await flush()
    second.last().accept()
    await expect(connecting).resolves.toBeUndefined()
    expect(second.engine.getSnapshot().user?.uid).toBe('alice')
  })
})
