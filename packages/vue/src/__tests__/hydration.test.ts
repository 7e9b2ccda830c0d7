import type { ConnectionEngine } from '@cometchat-connection/core'
import { fakeEngineKit } from '@cometchat-connection/test-kit'
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type App, createApp, createSSRApp, defineComponent, effectScope, h, nextTick, Suspense } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { CometChatConnectionPlugin, createCometChatConnection, useCometChatConnection } from '../index.js'

/** Every status the component rendered, in order (its first render included). */
let rendered: string[] = []

const Status = defineComponent({
  setup() {
    const { status, user } = useCometChatConnection()
    return () => {
      rendered.push(status.value)
      // A text that changes and an element that is only there when someone is logged in.
      return h('p', [`status: ${status.value}`, user.value ? h('b', user.value.uid) : h('i', 'nobody')])
    }
  },
})
const Page = defineComponent({ setup: () => () => h('main', [h(Status)]) })

const installs = {
  'createCometChatConnection(engine, { hydrate: true })': (app: App, engine: ConnectionEngine) =>
    app.use(createCometChatConnection(engine, { hydrate: true })),
  'app.use(CometChatConnectionPlugin, engine, { hydrate: true })': (app: App, engine: ConnectionEngine) =>
    app.use(CometChatConnectionPlugin, engine, { hydrate: true }),
}

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
  rendered = []
})

/** Renders `Page` as the server does (its own engine, never logged in) and returns the HTML. */
async function serverHtml(install: (app: App, engine: ConnectionEngine) => App): Promise<string> {
  const { engine } = fakeEngineKit()
  const html = await renderToString(install(createSSRApp(Page), engine))
  rendered = []
  return html
}

/**
 * Hydrates `html` with `app`. `problems()` lists Vue's warnings (its hydration mismatch reports) and
 * `console.error` calls (Vue's "Hydration completed but contains mismatches.") from the mount on.
 */
function hydrate(app: App, html: string) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const serverMain = container.firstElementChild
  const warnings: string[] = []
  app.config.warnHandler = (message) => void warnings.push(message)
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  app.mount(container)
  cleanups.push(() => {
    app.unmount()
    container.remove()
    error.mockRestore()
  })
  const problems = () => [...warnings, ...error.mock.calls.map((args) => args.join(' '))]
  return { container, serverMain, problems }
}

describe.each(Object.entries(installs))('hydrating server HTML with %s', (_name, install) => {
  it('an engine already connected: no hydration mismatch, then the engine status after mount', async () => {
    const html = await serverHtml(install)
    expect(html).toBe('<main><p>status: disconnected<i>nobody</i></p></main>')

    const { engine, fake, held } = fakeEngineKit()
    await engine.login('alice') // the client engine restored a session and connected before hydration
    expect(engine.getSnapshot().status).toBe('connected')
    const { container, serverMain, problems } = hydrate(install(createSSRApp(Page), engine), html)

    expect(problems()).toEqual([])
    expect(rendered[0]).toBe('disconnected') // the first client render matched the server's HTML
    expect(container.firstElementChild).toBe(serverMain) // the server's DOM was adopted, not replaced
    await nextTick()
    expect(container.innerHTML).toBe('<main><p>status: connected<b>alice</b></p></main>')
    expect(rendered).toEqual(['disconnected', 'connected'])
    expect(problems()).toEqual([])

    // From then on it follows engine.subscribe, and unmounting removes the subscription.
    fake.set({ status: 'disconnected' })
    await nextTick()
    expect(container.textContent).toBe('status: disconnectedalice')
    expect(held().subscribe).toBe(1)
    cleanups.pop()?.()
    expect(held().subscribe).toBe(0)
  })

  it('an engine still connecting: no hydration mismatch, then connecting, then connected', async () => {
    const html = await serverHtml(install)
    const { engine, fake } = fakeEngineKit()
    fake.set({ status: 'connecting' })
    const { container, problems } = hydrate(install(createSSRApp(Page), engine), html)

    await nextTick()
    expect(problems()).toEqual([])
    expect(container.textContent).toBe('status: connectingnobody')
    fake.set({ status: 'connected' })
    await nextTick()
    expect(container.textContent).toBe('status: connectednobody')
  })

  it('a change while an async setup() is pending is not rendered early: no mismatch, then the latest', async () => {
    // Under <Suspense> the render comes later than setup(); the engine moves on in between.
    const info = vi.spyOn(console, 'info').mockImplementation(() => {}) // "<Suspense> is an experimental feature"
    cleanups.push(() => info.mockRestore())
    let release = (): void => {}
    let pending: Promise<void> = Promise.resolve()
    const AsyncStatus = defineComponent({
      async setup() {
        const { status } = useCometChatConnection()
        await pending
        return () => {
          rendered.push(status.value)
          return h('p', `status: ${status.value}`)
        }
      },
    })
    const Root = defineComponent({ setup: () => () => h('main', [h(Suspense, null, () => h(AsyncStatus))]) })
    const { engine: serverEngine } = fakeEngineKit()
    const html = await renderToString(install(createSSRApp(Root), serverEngine))
    expect(html).toBe('<main><p>status: disconnected</p></main>')
    rendered = []

    pending = new Promise<void>((resolve) => {
      release = resolve
    })
    const { engine, fake } = fakeEngineKit()
    const { container, problems } = hydrate(install(createSSRApp(Root), engine), html)
    fake.set({ status: 'connecting' })
    release()
    await flushPromises()
    expect(problems()).toEqual([])
    expect(rendered).toEqual(['disconnected', 'connecting'])
    expect(container.textContent).toBe('status: connecting')
  })
})

describe('{ hydrate: true } outside a component', () => {
  it('app.runWithContext: the refs hold the engine snapshot at once, no onMounted warning', async () => {
    const { engine, held } = fakeEngineKit()
    await engine.login('alice')
    const app = createSSRApp(Page).use(createCometChatConnection(engine, { hydrate: true }))
    const warnings: string[] = []
    app.config.warnHandler = (message) => void warnings.push(message)
    const scope = effectScope()
    const { status } = scope.run(() => app.runWithContext(() => useCometChatConnection()))!
    expect(status.value).toBe('connected')
    expect(warnings).toEqual([])
    scope.stop()
    expect(held().subscribe).toBe(0)
  })
})

describe('a client-only app (createApp, no hydrate option)', () => {
  it("renders the engine's real status on its very first render", async () => {
    const { engine } = fakeEngineKit()
    await engine.login('alice')
    const container = document.createElement('div')
    const app = createApp(Page).use(createCometChatConnection(engine))
    app.mount(container)
    cleanups.push(() => app.unmount())
    expect(rendered).toEqual(['connected'])
    expect(container.innerHTML).toBe('<main><p>status: connected<b>alice</b></p></main>')
    await nextTick()
    expect(rendered).toEqual(['connected']) // no second render: nothing was deferred to mount
  })
})
