// @vitest-environment node

import { createConnectionEngine } from '@cometchat-connection/core'
import { renderOnServer } from '@cometchat-connection/test-kit'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useOnlineUsers,
} from '../index.js'

function Page() {
  const { status, user } = useCometChatConnection()
  const online = useOnlineUsers()
  const mode = useCometChatConnection((s) => s.mode)
  useMessageListener(() => {})
  useConnectionListener({})
  return (
    <main>
      status: {status}, user: {user?.uid ?? 'nobody'}, online: {online.length}, mode: {mode}
    </main>
  )
}

describe('server rendering', () => {
  it('renders disconnected, opens no socket and reads no browser global or engine state', async () => {
    const { output, sockets, touched, held } = await renderOnServer(
      (engine) => (
        <CometChatProvider engine={engine}>
          <Page />
        </CometChatProvider>
      ),
      renderToString,
    )
    expect(output).toContain('status: <!-- -->disconnected')
    expect(sockets).toBe(0)
    expect(touched).toEqual([])
    expect(held).toMatchObject({ reads: 0, subscribe: 0, connection: 0, message: 0 })
  })

  it('a provider given a factory never runs it on the server: SERVER_SNAPSHOT, no engine, no browser global', async () => {
    const factory = vi.fn(() => createConnectionEngine({ appId: 'demo-app' }))
    const { output, touched } = await renderOnServer(
      () => (
        <CometChatProvider engine={factory}>
          <Page />
        </CometChatProvider>
      ),
      renderToString,
    )
    expect(output).toContain('status: <!-- -->disconnected')
    expect(touched).toEqual([])
    expect(factory).not.toHaveBeenCalled()
  })
})
