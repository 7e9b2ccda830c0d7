import {
  CometChatException,
  type ConnectionListener,
  ErrorCodes,
  type TextMessage,
} from '@cometchat-connection/core'
import { fakeEngineKit, textMessage } from '@cometchat-connection/test-kit'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, effectScope, h, isReadonly, nextTick, ref, watchEffect } from 'vue'
import {
  CometChatConnectionPlugin,
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useUserListener,
} from '../index.js'

const Status = defineComponent({
  setup() {
    const { status, user } = useCometChatConnection()
    return () => h('p', { 'data-testid': 'status' }, `${status.value}:${user.value?.uid ?? 'nobody'}`)
  },
})

let unmountLater: Array<() => void> = []
afterEach(() => {
  for (const u of unmountLater) u()
  unmountLater = []
})

describe.each([
  ['createCometChatConnection(engine)', 'factory'],
  ['CometChatConnectionPlugin', 'object'],
])('plugin %s', (_name, form) => {
  it('provides the engine; the composable follows login to connected', async () => {
    const { engine } = fakeEngineKit()
    const plugin =
      form === 'factory' ? [createCometChatConnection(engine)] : [CometChatConnectionPlugin, engine]
    const wrapper = mount(Status, { global: { plugins: [plugin as never] } })
    unmountLater.push(() => wrapper.unmount())
    expect(wrapper.text()).toBe('disconnected:nobody')
    await engine.login('alice')
    await flushPromises()
    expect(wrapper.text()).toBe('connected:alice')
  })
})

describe('useCometChatConnection', () => {
  it('unmount + remount constructs exactly one WebSocket', async () => {
    const { engine, counting } = fakeEngineKit()
    const global = { plugins: [createCometChatConnection(engine)] }
    const first = mount(Status, { global })
    await engine.login('alice')
    await flushPromises()
    expect(first.text()).toBe('connected:alice')
    first.unmount()
    const second = mount(Status, { global })
    unmountLater.push(() => second.unmount())
    expect(second.text()).toBe('connected:alice')
    expect(counting.count()).toBe(1)
  })

  it('unmount removes every subscription and listener the composables made', () => {
    const { engine, held } = fakeEngineKit()
    const Everything = defineComponent({
      setup() {
        useCometChatConnection()
        useMessageListener(() => {})
        useUserListener({})
        useConnectionListener({})
        return () => h(Status)
      },
    })
    const wrapper = mount(Everything, { global: { plugins: [createCometChatConnection(engine)] } })
    expect(held()).toMatchObject({ subscribe: 2, connection: 1, message: 1, user: 1 })
    wrapper.unmount()
    expect(held()).toMatchObject({ subscribe: 0, connection: 0, message: 0, user: 0 })
  })

  it('stopping an effectScope (outside components, engine passed in) removes its subscriptions', () => {
    const { engine, held } = fakeEngineKit()
    const scope = effectScope()
    scope.run(() => {
      useCometChatConnection(engine)
      useConnectionListener({}, engine)
    })
    expect(held()).toMatchObject({ subscribe: 1, connection: 1 })
    scope.stop()
    expect(held()).toMatchObject({ subscribe: 0, connection: 0 })
  })

  it('without an active scope it registers no onScopeDispose (no warning) and still works', async () => {
    const { engine } = fakeEngineKit()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { status } = useCometChatConnection(engine)
    const stop = useMessageListener(() => {}, engine)
    await engine.login('alice')
    expect(status.value).toBe('connected')
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
    stop()
    engine.destroy()
  })

  it('returns readonly refs, a field ref triggers only when its own value changes, and actions are bound', async () => {
    const { engine } = fakeEngineKit({ mode: 'manual' })
    const scope = effectScope()
    const conn = scope.run(() => useCometChatConnection(engine))!
    expect(isReadonly(conn.status)).toBe(true)
    expect(isReadonly(conn.snapshot)).toBe(true)
    let runs = 0
    scope.run(() =>
      watchEffect(() => {
        void conn.status.value
        runs++
      }),
    )
    await engine.login('alice') // manual mode: only `user` changes
    await nextTick()
    expect(conn.user.value?.uid).toBe('alice')
    expect(runs).toBe(1)
    const { connect, ping } = conn
    await connect()
    await nextTick()
    expect(conn.status.value).toBe('connected')
    expect(runs).toBe(3) // connecting, connected
    await expect(ping()).resolves.toBeUndefined()
    scope.stop()
  })
})

describe('listener composables call the latest handler without re-registering', () => {
  it('useMessageListener with a plain function receives the message', () => {
    const { engine, fake } = fakeEngineKit()
    const seen: string[] = []
    const scope = effectScope()
    scope.run(() => useMessageListener((m: TextMessage) => seen.push(`${m.sender}: ${m.text}`), engine))
    fake.emitMessage(textMessage('hi'))
    expect(seen).toEqual(['bob: hi'])
    scope.stop()
  })

  it('useMessageListener with a MessageListener object', () => {
    const { engine, fake } = fakeEngineKit()
    const onTextMessageReceived = vi.fn()
    const stop = useMessageListener({ onTextMessageReceived }, engine)
    fake.emitMessage(textMessage('hi'))
    expect(onTextMessageReceived).toHaveBeenCalledWith(expect.objectContaining({ text: 'hi' }))
    stop()
  })

  it('useMessageListener with a ref', () => {
    const { engine, fake, held } = fakeEngineKit()
    const seen: string[] = []
    const handler = ref((m: TextMessage) => seen.push(`first:${m.text}`))
    const scope = effectScope()
    scope.run(() => useMessageListener(handler, engine))
    const adds = held().adds
    handler.value = (m) => seen.push(`second:${m.text}`)
    fake.emitMessage(textMessage('hi'))
    expect(seen).toEqual(['second:hi'])
    expect(held().adds).toBe(adds)
    scope.stop()
  })

  it('useUserListener with a getter', () => {
    const { engine, fake } = fakeEngineKit()
    const calls: string[] = []
    const tag = ref('a')
    const scope = effectScope()
    scope.run(() =>
      useUserListener(() => ({ onUserOnline: (u) => calls.push(`${tag.value}:${u.uid}`) }), engine),
    )
    tag.value = 'b'
    fake.emitUserOnline('bob')
    expect(calls).toEqual(['b:bob'])
    scope.stop()
  })

  it('useConnectionListener: replacing the listener never reconnects', async () => {
    const { engine, fake, counting, held } = fakeEngineKit()
    const calls: string[] = []
    const make = (tag: string): ConnectionListener => ({
      onConnected: () => calls.push(`${tag}:connected`),
      onConnectionError: (e) => calls.push(`${tag}:${e.code}`),
    })
    const listener = ref(make('a'))
    const wrapper = mount(
      defineComponent({
        setup() {
          useConnectionListener(listener)
          return () => h('div')
        },
      }),
      { global: { plugins: [createCometChatConnection(engine)] } },
    )
    await engine.login('alice')
    const adds = held().adds
    listener.value = make('b')
    await nextTick()
    fake.emitConnectionError(new CometChatException(ErrorCodes.WEBSOCKET_ERROR))
    expect(calls).toEqual(['a:connected', `b:${ErrorCodes.WEBSOCKET_ERROR}`])
    expect(held().adds).toBe(adds)
    expect(counting.count()).toBe(1)
    wrapper.unmount()
  })
})

describe('without the plugin', () => {
  it('throws a CometChatException that says what to do', () => {
    let caught: unknown
    const app = createApp(
      defineComponent({
        setup() {
          useCometChatConnection()
          return () => null
        },
      }),
    )
    app.config.errorHandler = (e) => {
      caught = e
    }
    app.config.warnHandler = () => {}
    app.mount(document.createElement('div'))
    app.unmount()
    expect(caught).toBeInstanceOf(CometChatException)
    expect(caught).toMatchObject({ code: ErrorCodes.NOT_INITIALIZED })
    expect((caught as Error).message).toMatch(/createCometChatConnection/)
  })

  it('outside setup and without an engine argument the same error is thrown', () => {
    expect(() => useCometChatConnection()).toThrow(CometChatException)
    expect(() => useMessageListener(() => {})).toThrow(/app\.use/)
  })
})
