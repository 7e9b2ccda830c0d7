// @vitest-environment node

import { AppSettingsBuilder, createConnectionEngine } from '@cometchat-connection/core'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
} from '../index.js'
import { countingWebSocket, instrument } from './support/counting.js'
import { trapBrowserGlobals } from './support/globals.js'

function Page() {
  const { status, user } = useCometChatConnection()
  useMessageListener(() => {})
  useConnectionListener({})
  return (
    <main>
      status: {status}, user: {user?.uid ?? 'nobody'}
    </main>
  )
}

describe('server rendering', () => {
  it('renders disconnected, opens no socket and reads no browser global or engine state', async () => {
    const ws = countingWebSocket()
    // A real engine in auto mode, created the way a server module would create it.
    const real = createConnectionEngine({
      appId: 'demo-app',
      settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:9').build(),
      platform: { WebSocket: ws.WebSocket },
    })
    await real.init()
    const { engine, held } = instrument(real)
    const trap = trapBrowserGlobals()
    let html: string
    try {
      html = renderToString(
        <CometChatProvider engine={engine}>
          <Page />
        </CometChatProvider>,
      )
    } finally {
      trap.restore()
    }
    expect(html).toContain('status: <!-- -->disconnected')
    expect(ws.count).toBe(0)
    expect(trap.touched).toEqual([])
    expect(held()).toMatchObject({ reads: 0, subscribe: 0, connection: 0, message: 0 })
    real.destroy()
  })
})
