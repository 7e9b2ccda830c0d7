// The composables over the real engine and the real server (packages/server on 127.0.0.1, `ws` sockets).
import {
  type ConnectionEngine,
  type ConnectionStatus,
  ErrorCodes,
  type TextMessage,
} from '@cometchat-connection/core'
import {
  instrumentEngine,
  type RealEngine,
  realEnginesPerTest,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, reactive, ref, watch } from 'vue'
import {
  type CometChatConnection,
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useOnlineUsers,
} from '../index.js'

let server: TestServer
const realEngine = realEnginesPerTest() // registered first, so its afterEach (destroy) runs after the unmounts
const unmounts: Array<() => void> = []
beforeAll(async () => {
  server = await startTestServer()
})
afterEach(() => {
  for (const u of unmounts.splice(0)) u()
})
afterAll(() => server.close())

/** Renders the status, records every status the ref took (sync watcher: none is missed), exposes the composable. */
function probe(seen: ConnectionStatus[], into: { current?: CometChatConnection }) {
  return defineComponent({
    setup() {
      const connection = useCometChatConnection()
      into.current = connection
      watch(connection.status, (s) => seen.push(s), { immediate: true, flush: 'sync' })
      return () => h('p', connection.status.value)
    },
  })
}

function mountProbe(real: RealEngine, seen: ConnectionStatus[] = []) {
  const into: { current?: CometChatConnection } = {}
  const wrapper = mount(probe(seen, into), { global: { plugins: [createCometChatConnection(real.engine)] } })
  unmounts.push(() => wrapper.unmount())
  return { wrapper, conn: () => into.current! }
}

describe('against the real server', () => {
  it('login shows connecting then connected; unmount + remount keeps exactly one WebSocket', async () => {
    const real = realEngine(server)
    const seen: ConnectionStatus[] = []
    const first = mountProbe(real, seen)
    await first.conn().login('alice', server.authKey)
    await vi.waitFor(() => expect(first.conn().status.value).toBe('connected'))
    await flushPromises()
    expect(first.wrapper.text()).toBe('connected')
    expect(seen).toEqual(['disconnected', 'connecting', 'connected'])
    first.wrapper.unmount()
    const second = mountProbe(real)
    expect(second.wrapper.text()).toBe('connected')
    expect(real.counting.count()).toBe(1)
  })

  it('auto mode: background → disconnected, foreground → connected', async () => {
    const real = realEngine(server)
    const { wrapper, conn } = mountProbe(real)
    await conn().login('alice', server.authKey)
    await vi.waitFor(() => expect(conn().status.value).toBe('connected'))
    real.appState.set('background')
    await vi.waitFor(() => expect(conn().status.value).toBe('disconnected'))
    expect(conn().appState.value).toBe('background')
    await flushPromises()
    expect(wrapper.text()).toBe('disconnected')
    real.appState.set('foreground')
    await vi.waitFor(() => expect(conn().status.value).toBe('connected'))
  })
})

describe('an engine kept in reactive state', () => {
  it('(ref, reactive) works through the plugin and the composables: the snapshot shows, actions and listeners run', async () => {
    const real = realEngine(server)
    const held = ref(real.engine) // Vue's deep proxy: the engine's private fields are out of its reach
    const store = reactive({ engine: real.engine })
    const into: { current?: CometChatConnection } = {}
    const wrapper = mount(probe([], into), { global: { plugins: [createCometChatConnection(store.engine)] } })
    unmounts.push(() => wrapper.unmount())
    const scope = effectScope()
    const heard: string[] = []
    const direct = scope.run(() => {
      useConnectionListener({ onConnected: () => heard.push('connected') }, held.value)
      return useCometChatConnection(held.value)
    })!
    await direct.login('alice', server.authKey)
    await vi.waitFor(() => expect(into.current!.status.value).toBe('connected'))
    expect([direct.status.value, direct.user.value?.uid, heard]).toEqual([
      'connected',
      'alice',
      ['connected'],
    ])
    scope.stop()
  })
})

describe('errors surface through the bound actions', () => {
  it('auto mode: ping() rejects ERROR_PING_NOT_AVAILABLE', async () => {
    const real = realEngine(server)
    const { conn } = mountProbe(real)
    await conn().login('alice', server.authKey)
    await vi.waitFor(() => expect(conn().status.value).toBe('connected'))
    await expect(conn().ping()).rejects.toMatchObject({ code: ErrorCodes.PING_NOT_AVAILABLE })
  })

  it('manual mode: login opens no socket; connect() offline rejects ERR_NO_INTERNET; connect() and ping() work', async () => {
    const real = realEngine(server, { mode: 'manual' })
    const { conn } = mountProbe(real)
    await conn().login('alice', server.authKey)
    expect(conn().user.value?.uid).toBe('alice')
    expect(conn().status.value).toBe('disconnected')
    expect(real.counting.count()).toBe(0)
    real.network.set(false)
    expect(conn().online.value).toBe(false)
    await expect(conn().connect()).rejects.toMatchObject({ code: ErrorCodes.NO_INTERNET })
    expect(real.counting.count()).toBe(0)
    real.network.set(true)
    await conn().connect()
    expect(conn().status.value).toBe('connected')
    await expect(conn().connect()).rejects.toMatchObject({ code: ErrorCodes.ALREADY_CONNECTED })
    await expect(conn().ping()).resolves.toBeUndefined()
    expect(real.counting.count()).toBe(1)
  })

  it('manual mode: background keeps the socket and shows the deadline; disconnect() closes it', async () => {
    const real = realEngine(server, { mode: 'manual' })
    const { conn } = mountProbe(real)
    await conn().login('alice', server.authKey)
    await conn().connect()
    real.appState.set('background')
    expect(conn().backgroundDeadline.value).not.toBeNull()
    expect(conn().status.value).toBe('connected')
    await conn().disconnect()
    expect(conn().status.value).toBe('disconnected')
  })
})

describe('listener composables with real traffic', () => {
  it('deliver a message from another user and onConnected; unmount removes every subscription', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const { engine, held } = instrumentEngine(alice.engine)
    const seen: string[] = []
    const wrapper = mount(
      defineComponent({
        setup() {
          useCometChatConnection()
          useMessageListener((m: TextMessage) => seen.push(`${m.sender}: ${m.text}`))
          useConnectionListener({ onConnected: () => seen.push('onConnected') })
          return () => null
        },
      }),
      { global: { plugins: [createCometChatConnection(engine)] } },
    )
    await engine.login('alice', server.authKey)
    await vi.waitFor(() => expect(seen).toContain('onConnected'))
    await bob.engine.login('bob', server.authKey)
    await vi.waitFor(() => expect(bob.engine.getConnectionStatus()).toBe('connected'))
    await bob.engine.sendMessage('alice', 'hello')
    await vi.waitFor(() => expect(seen).toContain('bob: hello'))
    expect(held()).toMatchObject({ subscribe: 1, message: 1, connection: 1 })
    wrapper.unmount()
    expect(held()).toMatchObject({ subscribe: 0, message: 0, connection: 0, user: 0 })
    expect(alice.counting.count()).toBe(1)
  })
})

/** A chat screen's core, written as an app would: no catch, errors from state. */
function chat(authKey: string, seen: string[]) {
  return defineComponent({
    setup() {
      const { status, user, lastError, recovery, login, sendMessage } = useCometChatConnection()
      const online = useOnlineUsers()
      useMessageListener((m: TextMessage) =>
        seen.push(`${m.sender}: ${m.text}${m.replayed ? ' (replayed)' : ''}`),
      )
      const logIn = () => login({ uid: 'alice', authKey })
      const logInAndSend = async () => {
        await login({ uid: 'alice', authKey })
        await sendMessage('bob', 'hello')
      }
      return () =>
        h('main', [
          h('p', { 'data-testid': 'status' }, status.value),
          h('p', { 'data-testid': 'user' }, user.value?.uid ?? 'nobody'),
          h('p', { 'data-testid': 'error' }, lastError.value?.code ?? 'none'),
          h('p', { 'data-testid': 'online' }, online.value.map((u) => u.uid).join(',')),
          h(
            'p',
            { 'data-testid': 'recovery' },
            recovery.value?.resumed ? `resumed ${recovery.value.replayed}` : 'none',
          ),
          h('button', { id: 'login', onClick: logIn }, 'log in'),
          h('button', { id: 'login-send', onClick: logInAndSend }, 'log in and send'),
        ])
    },
  })
}

function mountChat(engine: ConnectionEngine, authKey: string, seen: string[] = []) {
  const wrapper = mount(chat(authKey, seen), { global: { plugins: [createCometChatConnection(engine)] } })
  unmounts.push(() => wrapper.unmount())
  const text = (id: string) => wrapper.get(`[data-testid=${id}]`).text()
  const click = (id: string) => (wrapper.get(`#${id}`).element as HTMLButtonElement).click()
  return { wrapper, text, click }
}

describe('a chat screen against the real server', () => {
  it('a component that logs in and sends at once delivers the message (no wait for connected)', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const received: string[] = []
    bob.engine.addMessageListener('bob', {
      onTextMessageReceived: (m) => received.push(`${m.sender}: ${m.text}`),
    })
    await bob.engine.login('bob', server.authKey)
    await vi.waitFor(() => expect(bob.engine.getConnectionStatus()).toBe('connected'))
    const { click } = mountChat(alice.engine, server.authKey)
    click('login-send')
    await vi.waitFor(() => expect(received).toEqual(['alice: hello']))
    expect(alice.counting.count()).toBe(1)
  })

  it('a wrong auth key shows ERR_AUTH_FAILED from state alone: no catch, nothing reported', async () => {
    const report = vi.fn()
    const original = globalThis.reportError
    globalThis.reportError = report
    try {
      const alice = realEngine(server)
      const { click, text } = mountChat(alice.engine, 'wrong-key')
      click('login')
      await vi.waitFor(() => expect(text('error')).toBe(ErrorCodes.AUTH_FAILED))
      expect([text('status'), text('user')]).toEqual(['disconnected', 'nobody'])
      expect(report).not.toHaveBeenCalled()
      expect(alice.counting.count()).toBe(0)
    } finally {
      globalThis.reportError = original
    }
  })

  it('who is online follows other users coming and going (subscribePresenceForAllUsers)', async () => {
    const alice = realEngine(server, { configure: (b) => b.subscribePresenceForAllUsers() })
    const bob = realEngine(server)
    const { click, text } = mountChat(alice.engine, server.authKey)
    click('login')
    await vi.waitFor(() => expect(text('status')).toBe('connected'))
    expect(text('online').split(',')).not.toContain('bob')
    await bob.engine.login('bob', server.authKey)
    await vi.waitFor(() => expect(text('online').split(',')).toContain('bob'))
    await bob.engine.logout()
    await vi.waitFor(() => expect(text('online').split(',')).not.toContain('bob'))
  })

  it('a message sent while the app was in the background arrives on return, once, marked replayed', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const seen: string[] = []
    const { click, text } = mountChat(alice.engine, server.authKey, seen)
    click('login')
    await vi.waitFor(() => expect(text('status')).toBe('connected'))
    alice.appState.set('background')
    await vi.waitFor(() => expect(text('status')).toBe('disconnected'))
    await bob.engine.login('bob', server.authKey)
    await bob.engine.sendMessage('alice', 'while you were away') // resolves once the server stored it
    alice.appState.set('foreground')
    await vi.waitFor(() => expect(seen).toEqual(['bob: while you were away (replayed)']))
    await vi.waitFor(() => expect(text('recovery')).toBe('resumed 1'))
    await bob.engine.sendMessage('alice', 'live')
    await vi.waitFor(() => expect(seen).toEqual(['bob: while you were away (replayed)', 'bob: live']))
  })

  it('unmounting the chat screen leaves no subscription and no listener on the engine', async () => {
    const alice = realEngine(server)
    const { engine, held } = instrumentEngine(alice.engine)
    const { wrapper, click, text } = mountChat(engine, server.authKey)
    click('login')
    await vi.waitFor(() => expect(text('status')).toBe('connected'))
    expect(held()).toMatchObject({ subscribe: 2, message: 1 })
    wrapper.unmount()
    expect(held()).toMatchObject({ subscribe: 0, connection: 0, message: 0, user: 0 })
  })
})
