// The hooks over the real engine and the real server (packages/server on 127.0.0.1, `ws` sockets).
import { type ConnectionStatus, ErrorCodes, type TextMessage } from '@cometchat-connection/core'
import {
  instrumentEngine,
  realEnginesPerTest,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
} from '../index.js'

let server: TestServer
const realEngine = realEnginesPerTest() // registered first, so its afterEach (destroy) runs after cleanup()
beforeAll(async () => {
  server = await startTestServer()
})
afterEach(cleanup)
afterAll(() => server.close())

type Connection = ReturnType<typeof useCometChatConnection>

/** Renders the status and records every distinct status it rendered, in order. */
function Probe({ seen, into }: { seen: ConnectionStatus[]; into: { current?: Connection } }) {
  const connection = useCometChatConnection()
  into.current = connection
  if (seen.at(-1) !== connection.status) seen.push(connection.status)
  return <p data-testid="status">{connection.status}</p>
}

const shown = () => screen.getByTestId('status').textContent

describe.each([
  ['StrictMode', true],
  ['no StrictMode', false],
])('against the real server (%s)', (_name, strict) => {
  const wrap = (node: ReactNode) => (strict ? <StrictMode>{node}</StrictMode> : node)

  it('login shows connecting then connected; remounting keeps exactly one WebSocket', async () => {
    const { engine, counting } = realEngine(server)
    const seen: ConnectionStatus[] = []
    const into: { current?: Connection } = {}
    const tree = wrap(
      <CometChatProvider engine={engine}>
        <Probe seen={seen} into={into} />
      </CometChatProvider>,
    )
    const first = render(tree)
    await act(async () => {
      await into.current!.login('alice', server.authKey)
    })
    await waitFor(() => expect(shown()).toBe('connected'))
    expect(seen).toEqual(['disconnected', 'connecting', 'connected'])
    first.unmount()
    render(tree)
    expect(shown()).toBe('connected')
    expect(counting.count()).toBe(1)
  })

  it('auto mode: background → disconnected, foreground → connected', async () => {
    const { engine, appState } = realEngine(server)
    const into: { current?: Connection } = {}
    render(
      wrap(
        <CometChatProvider engine={engine}>
          <Probe seen={[]} into={into} />
        </CometChatProvider>,
      ),
    )
    await act(async () => {
      await into.current!.login('alice', server.authKey)
    })
    await waitFor(() => expect(shown()).toBe('connected'))
    act(() => appState.set('background'))
    await waitFor(() => expect(shown()).toBe('disconnected'))
    expect(into.current!.appState).toBe('background')
    act(() => appState.set('foreground'))
    await waitFor(() => expect(shown()).toBe('connected'))
  })
})

describe('errors surface through the bound actions', () => {
  function mount(mode: 'auto' | 'manual') {
    const real = realEngine(server, { mode })
    const into: { current?: Connection } = {}
    render(
      <CometChatProvider engine={real.engine}>
        <Probe seen={[]} into={into} />
      </CometChatProvider>,
    )
    return { ...real, into }
  }

  it('auto mode: ping() rejects ERROR_PING_NOT_AVAILABLE', async () => {
    const { into } = mount('auto')
    await act(async () => {
      await into.current!.login('alice', server.authKey)
    })
    await waitFor(() => expect(shown()).toBe('connected'))
    await expect(into.current!.ping()).rejects.toMatchObject({ code: ErrorCodes.PING_NOT_AVAILABLE })
  })

  it('manual mode: login opens no socket; connect() offline rejects ERR_NO_INTERNET; connect() and ping() work', async () => {
    const { into, network, counting } = mount('manual')
    await act(async () => {
      await into.current!.login('alice', server.authKey)
    })
    expect(into.current!.user?.uid).toBe('alice')
    expect(shown()).toBe('disconnected')
    expect(counting.count()).toBe(0)
    act(() => network.set(false))
    await waitFor(() => expect(into.current!.online).toBe(false))
    await expect(into.current!.connect()).rejects.toMatchObject({ code: ErrorCodes.NO_INTERNET })
    expect(counting.count()).toBe(0)
    act(() => network.set(true))
    await act(async () => {
      await into.current!.connect()
    })
    expect(shown()).toBe('connected')
    await expect(into.current!.connect()).rejects.toMatchObject({ code: ErrorCodes.ALREADY_CONNECTED })
    await expect(into.current!.ping()).resolves.toBeUndefined()
    expect(counting.count()).toBe(1)
  })

  it('manual mode: background keeps the socket and shows the deadline; disconnect() closes it', async () => {
    const { into, appState } = mount('manual')
    await act(async () => {
      await into.current!.login('alice', server.authKey)
      await into.current!.connect()
    })
    act(() => appState.set('background'))
    await waitFor(() => expect(into.current!.backgroundDeadline).not.toBeNull())
    expect(shown()).toBe('connected')
    await act(async () => {
      await into.current!.disconnect()
    })
    expect(shown()).toBe('disconnected')
  })
})

function Inbox({ seen }: { seen: string[] }) {
  useMessageListener((m: TextMessage) => seen.push(`${m.sender}: ${m.text}`))
  useConnectionListener({ onConnected: () => seen.push('onConnected') })
  return null
}

describe('listener hooks with real traffic', () => {
  it('deliver a message from another user and onConnected; unmount removes every subscription', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const { engine, held } = instrumentEngine(alice.engine)
    const seen: string[] = []
    const view = render(
      <StrictMode>
        <CometChatProvider engine={engine}>
          <Inbox seen={seen} />
        </CometChatProvider>
      </StrictMode>,
    )
    await act(async () => {
      await engine.login('alice', server.authKey)
    })
    await waitFor(() => expect(seen).toContain('onConnected'))
    await bob.engine.login('bob', server.authKey)
    await waitFor(() => expect(bob.engine.getConnectionStatus()).toBe('connected'))
    await bob.engine.sendMessage('alice', 'hello')
    await waitFor(() => expect(seen).toContain('bob: hello'))
    expect(seen.filter((s) => s === 'bob: hello')).toHaveLength(1)
    expect(held()).toMatchObject({ message: 1, connection: 1 })
    view.unmount()
    expect(held()).toMatchObject({ subscribe: 0, message: 0, connection: 0, user: 0 })
    expect(alice.counting.count()).toBe(1)
  })
})
