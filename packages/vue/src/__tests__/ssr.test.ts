// @vitest-environment node
import { AppSettingsBuilder, createConnectionEngine } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import {
  createCometChatConnection,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
} from '../index.js'
import { countingWebSocket, instrument } from './support/counting.js'
import { trapBrowserGlobals } from './support/globals.js'

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
    const ws = countingWebSocket()
    // A real engine in auto mode, created the way a server module would create it.
    const real = createConnectionEngine({
      appId: 'demo-app',
      settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:9').build(),
      platform: { WebSocket: ws.WebSocket },
    })
    await real.init()
    const { engine, held } = instrument(real)
    const app = createSSRApp(Page).use(createCometChatConnection(engine))
    const trap = trapBrowserGlobals()
    let html: string
    try {
      html = await renderToString(app)
    } finally {
      trap.restore()
    }
    expect(html).toBe('<main>status: disconnected, user: nobody</main>')
    expect(ws.count).toBe(0)
    expect(trap.touched).toEqual([])
    expect(held()).toMatchObject({ reads: 0, subscribe: 0, connection: 0, message: 0 })
    real.destroy()
  })
})
