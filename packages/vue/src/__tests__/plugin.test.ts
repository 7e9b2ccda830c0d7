import { createFakeEngine, textMessage } from '@cometchat-connection/core/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, createSSRApp, defineComponent, effectScope, h, nextTick, watchEffect } from 'vue'
import { renderToString } from 'vue/server-renderer'
import {
  CometChatConnectionPlugin,
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useOnlineUsers,
} from '../index.js'

const Status = defineComponent({
  setup() {
    const { status, user } = useCometChatConnection()
    return () => h('p', `${status.value}:${user.value?.uid ?? 'nobody'}`)
  },
})

const realReportError = globalThis.reportError
afterEach(() => {
  globalThis.reportError = realReportError
})

describe.each([
  [
    'createCometChatConnection',
    (e: Parameters<typeof createCometChatConnection>[0]) => [createCometChatConnection(e)],
  ],
  [
    'CometChatConnectionPlugin',
    (e: Parameters<typeof createCometChatConnection>[0]) => [[CometChatConnectionPlugin, e]],
  ],
])('the plugin (%s) starts the engine', (_name, plugins) => {
  it('runs init() when the app mounts, so the app never calls it', async () => {
    const engine = createFakeEngine()
    const wrapper = mount(Status, { global: { plugins: plugins(engine) as never } })
    expect(engine.calls.map((c) => c.name)).toEqual(['init'])
    wrapper.unmount()
    expect(engine.destroyed).toBe(false) // an engine you pass stays yours
  })

  it('a factory runs once, at mount; its engine is provided, and destroyed with app.unmount()', async () => {
    const engine = createFakeEngine({ user: 'alice' })
    const factory = vi.fn(() => engine)
    const wrapper = mount(Status, { global: { plugins: plugins(factory) as never } })
    expect(factory).toHaveBeenCalledTimes(1)
    expect(wrapper.text()).toBe('connected:alice')
    expect(engine.calls.map((c) => c.name)).toEqual(['init'])
    wrapper.unmount()
    expect(engine.destroyed).toBe(true)
  })
})

describe('the plugin', () => {
  it('server rendering never runs the factory nor init(): the page renders disconnected', async () => {
    const factory = vi.fn(() => createFakeEngine({ user: 'alice' }))
    const html = await renderToString(createSSRApp(Status).use(createCometChatConnection(factory)))
    expect(html).toBe('<p>disconnected:nobody</p>')
    expect(factory).not.toHaveBeenCalled()
  })

  it('an init() failure (unreadable saved session) is reported, not lost', async () => {
    const report = vi.fn()
    globalThis.reportError = report
    const engine = createFakeEngine()
    engine.failNext('init', 'ERR_STORAGE_ERROR')
    const wrapper = mount(Status, { global: { plugins: [createCometChatConnection(engine)] } })
    await flushPromises()
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_STORAGE_ERROR' }))
    wrapper.unmount()
  })
})

describe('presence, recovery and actions', () => {
  it('useOnlineUsers follows presence and triggers only when the list changes', async () => {
    const engine = createFakeEngine({ user: 'alice' })
    const scope = effectScope()
    const online = scope.run(() => useOnlineUsers(engine))!
    let runs = 0
    scope.run(() =>
      watchEffect(() => {
        void online.value
        runs++
      }),
    )
    engine.emitUserOnline('bob')
    await nextTick()
    engine.emitUserOnline('carol')
    await nextTick()
    expect(online.value.map((u) => u.uid)).toEqual(['bob', 'carol'])
    engine.emitUserOffline('bob')
    await nextTick()
    expect(online.value.map((u) => u.uid)).toEqual(['carol'])
    const before = runs
    engine.set({ status: 'connecting', reconnectAttempt: 2 })
    await nextTick()
    expect(runs).toBe(before)
    scope.stop()
    expect(engine.listenerCounts.snapshot).toBe(0)
  })

  it('the recovery ref, the resume signals through useConnectionListener, replayed messages like live ones', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const seen: string[] = []
    const scope = effectScope()
    const { recovery } = scope.run(() => {
      useMessageListener((m) => seen.push(`${m.text}${m.replayed ? ' (replayed)' : ''}`), engine)
      useConnectionListener(
        {
          onResumed: ({ replayed }) => seen.push(`resumed ${replayed}`),
          onContinuityLost: ({ reason }) => seen.push(`lost ${reason}`),
        },
        engine,
      )
      return useCometChatConnection(engine)
    })!
    engine.emitResumed(1)
    engine.emitMessage(textMessage('sent while away', { replayed: true }))
    engine.emitMessage(textMessage('live'))
    expect(recovery.value).toEqual({ resumed: true, replayed: 1 })
    engine.emitContinuityLost('epoch')
    expect(recovery.value).toEqual({ resumed: false, reason: 'epoch' })
    expect(seen).toEqual(['resumed 1', 'sent while away (replayed)', 'live', 'lost epoch'])
    scope.stop()
  })

  it('sendMessage is an action; a failure the snapshot shows needs no catch and is not reported', async () => {
    const report = vi.fn()
    globalThis.reportError = report
    const engine = createFakeEngine({ mode: 'manual', user: 'alice' })
    const scope = effectScope()
    const { sendMessage, lastError } = scope.run(() => useCometChatConnection(engine))!
    void sendMessage('bob', 'hi') // manual mode before connect(): no connection is coming
    await flushPromises()
    expect(lastError.value?.code).toBe('ERR_NOT_CONNECTED')
    expect(report).not.toHaveBeenCalled()
    scope.stop()
  })
})

/** A template that calls actions inline, returning their promises to Vue, as `@click="login(…)"` does. */
const Inline = defineComponent({
  setup() {
    const { lastError, login, sendMessage } = useCometChatConnection()
    return () =>
      h('div', [
        h('button', { id: 'login', onClick: () => login({ uid: 'carol', authKey: 'wrong' }) }),
        h('button', { id: 'bad-send', onClick: () => sendMessage('', 'hi') }),
        h('p', lastError.value?.code ?? 'none'),
      ])
  },
})

describe.each([
  ['before app.use()', true],
  ['after app.use(), before mount', false],
])("the app's error handler (set %s)", (_name, first) => {
  it('does not get a failure the template shows from lastError, and still gets every other error', async () => {
    const report = vi.fn()
    globalThis.reportError = report // the action reports what the state cannot show, too
    const engine = createFakeEngine()
    engine.failNext('login', 'ERR_AUTH_FAILED')
    const errorHandler = vi.fn()
    const app = createApp(Inline)
    if (first) app.config.errorHandler = errorHandler
    app.use(createCometChatConnection(engine))
    if (!first) app.config.errorHandler = errorHandler
    const root = document.createElement('div')
    app.mount(root)
    root.querySelector<HTMLButtonElement>('#login')!.click()
    await flushPromises()
    expect(root.querySelector('p')!.textContent).toBe('ERR_AUTH_FAILED')
    expect(errorHandler).not.toHaveBeenCalled()
    root.querySelector<HTMLButtonElement>('#bad-send')!.click()
    await flushPromises()
    expect(errorHandler).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      expect.anything(),
      expect.any(String),
    )
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }))
    app.unmount()
  })
})
