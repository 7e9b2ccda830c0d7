// @vitest-environment node
import { renderOnServer } from '@cometchat-connection/test-kit'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import {
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
} from '../index.js'

const Page = defineComponent({
  setup() {
    const { status, user } = useCometChatConnection()
    useMessageListener(() => {})
    useConnectionListener({})
    return () => h('main', `status: ${status.value}, user: ${user.value?.uid ?? 'nobody'}`)
  },
})

describe('server rendering', () => {
  it.each([
    ['', undefined],
    [' (with { hydrate: true })', { hydrate: true }],
  ])(
    'renders disconnected, opens no socket, subscribes to nothing and reads no browser global%s',
    async (_name, options) => {
      const { output, sockets, touched, held } = await renderOnServer(
        (engine) => createSSRApp(Page).use(createCometChatConnection(engine, options)),
        (app) => renderToString(app),
      )
      expect(output).toBe('<main>status: disconnected, user: nobody</main>')
      expect(sockets).toBe(0)
      expect(touched).toEqual([])
      expect(held).toMatchObject({ reads: 0, subscribe: 0, connection: 0, message: 0 })
    },
  )

  it('needs no engine on the server (one created only in the browser): renders disconnected, actions reject ERR_SERVER_PLATFORM', async () => {
    let login: (() => Promise<unknown>) | undefined
    const Calling = defineComponent({
      setup() {
        const connection = useCometChatConnection()
        login = () => connection.login('alice', 'demo-auth-key')
        useMessageListener(() => {})
        useConnectionListener({})
        return () => h('main', `status: ${connection.status.value}`)
      },
    })
    const { output, sockets, touched } = await renderOnServer(
      () => createSSRApp(Calling), // no plugin: the engine exists only in the browser
      (app) => renderToString(app),
    )
    expect(output).toBe('<main>status: disconnected</main>')
    expect(sockets).toBe(0)
    expect(touched).toEqual([])
    await expect(login!()).rejects.toMatchObject({ code: 'ERR_SERVER_PLATFORM' })
  })
})
