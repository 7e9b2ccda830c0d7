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
  it('renders disconnected, opens no socket, subscribes to nothing and reads no browser global', async () => {
    const { output, sockets, touched, held } = await renderOnServer(
      (engine) => createSSRApp(Page).use(createCometChatConnection(engine)),
      (app) => renderToString(app),
    )
    expect(output).toBe('<main>status: disconnected, user: nobody</main>')
    expect(sockets).toBe(0)
    expect(touched).toEqual([])
    expect(held).toMatchObject({ reads: 0, subscribe: 0, connection: 0, message: 0 })
  })
})
