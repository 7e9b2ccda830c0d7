// The composables over the real engine and the real server (packages/server on 127.0.0.1, `ws` sockets).
import { type ConnectionStatus, ErrorCodes, type TextMessage } from '@cometchat-connection/core'
import {
  instrumentEngine,
  type RealEngine,
  realEnginesPerTest,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, watch } from 'vue'
import {
  type CometChatConnection,
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
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
