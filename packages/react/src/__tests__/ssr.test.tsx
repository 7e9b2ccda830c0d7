// @vitest-environment node

import { renderOnServer } from '@cometchat-connection/test-kit'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
} from '../index.js'

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
})
