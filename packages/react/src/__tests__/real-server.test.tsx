// The hooks over the real engine and the real server (packages/server on 127.0.0.1, `ws` sockets).
import {
  type AppSettingsBuilder,
  type ConnectionStatus,
  ErrorCodes,
  type TextMessage,
} from '@cometchat-connection/core'
import {
  instrumentEngine,
  realEnginesPerTest,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useOnlineUsers,
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

/** A chat screen's core, written as an app would: no catch, errors from state. */
function Chat({ authKey, seen }: { authKey: string; seen: string[] }) {
  const { status, user, lastError, login, sendMessage } = useCometChatConnection()
  const online = useOnlineUsers()
  useMessageListener((m: TextMessage) =>
    seen.push(`${m.sender}: ${m.text}${m.replayed ? ' (replayed)' : ''}`),
  )
  const recovery = useCometChatConnection((s) => s.recovery)
  return (
    <main>
      <p data-testid="status">{status}</p>
      <p data-testid="user">{user?.uid ?? 'nobody'}</p>
      <p data-testid="error">{lastError?.code ?? 'none'}</p>
      <p data-testid="online">{online.map((u) => u.uid).join(',')}</p>
      <p data-testid="recovery">{recovery?.resumed ? `resumed ${recovery.replayed}` : 'none'}</p>
      <button type="button" onClick={() => login({ uid: 'alice', authKey })}>
        log in
      </button>
      <button
        type="button"
        onClick={async () => {
          await login({ uid: 'alice', authKey })
          await sendMessage('bob', 'hello')
        }}
      >
        log in and send
      </button>
    </main>
  )
}

const text = (id: string) => screen.getByTestId(id).textContent

describe('a chat screen against the real server', () => {
  it('a component that logs in and sends at once delivers the message (no wait for connected)', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const received: string[] = []
    bob.engine.addMessageListener('bob', {
      onTextMessageReceived: (m) => received.push(`${m.sender}: ${m.text}`),
    })
    await bob.engine.login('bob', server.authKey)
    await waitFor(() => expect(bob.engine.getConnectionStatus()).toBe('connected'))
    render(
      <StrictMode>
        <CometChatProvider engine={alice.engine}>
          <Chat authKey={server.authKey} seen={[]} />
        </CometChatProvider>
      </StrictMode>,
    )
    act(() => screen.getByText('log in and send').click())
    await waitFor(() => expect(received).toEqual(['alice: hello']))
    expect(alice.counting.count()).toBe(1)
  })

  it('a wrong auth key shows ERR_AUTH_FAILED from state alone: no catch, nothing reported', async () => {
    const report = vi.fn()
    const original = globalThis.reportError
    globalThis.reportError = report
    try {
      const alice = realEngine(server)
      render(
        <CometChatProvider engine={alice.engine}>
          <Chat authKey="wrong-key" seen={[]} />
        </CometChatProvider>,
      )
      act(() => screen.getByText('log in').click())
      await waitFor(() => expect(text('error')).toBe(ErrorCodes.AUTH_FAILED))
      expect([text('status'), text('user')]).toEqual(['disconnected', 'nobody'])
      expect(report).not.toHaveBeenCalled()
      expect(alice.counting.count()).toBe(0)
    } finally {
      globalThis.reportError = original
    }
  })

  it('who is online follows other users coming and going (subscribePresenceForAllUsers)', async () => {
    const presence = { configure: (b: AppSettingsBuilder) => b.subscribePresenceForAllUsers() }
    const alice = realEngine(server, presence)
    const bob = realEngine(server)
    render(
      <CometChatProvider engine={alice.engine}>
        <Chat authKey={server.authKey} seen={[]} />
      </CometChatProvider>,
    )
    act(() => screen.getByText('log in').click())
    await waitFor(() => expect(text('status')).toBe('connected'))
    expect(text('online')).not.toContain('bob')
    await bob.engine.login('bob', server.authKey)
    await waitFor(() => expect(text('online')?.split(',')).toContain('bob'))
    await bob.engine.logout()
    await waitFor(() => expect(text('online')?.split(',')).not.toContain('bob'))
  })

  it('a message sent while the app was in the background arrives on return, once, marked replayed', async () => {
    const alice = realEngine(server)
    const bob = realEngine(server)
    const seen: string[] = []
    render(
      <CometChatProvider engine={alice.engine}>
        <Chat authKey={server.authKey} seen={seen} />
      </CometChatProvider>,
    )
    act(() => screen.getByText('log in').click())
    await waitFor(() => expect(text('status')).toBe('connected'))
    act(() => alice.appState.set('background'))
    await waitFor(() => expect(text('status')).toBe('disconnected'))
    await bob.engine.login('bob', server.authKey)
    await bob.engine.sendMessage('alice', 'while you were away') // resolves once the server stored it
    act(() => alice.appState.set('foreground'))
    await waitFor(() => expect(seen).toEqual(['bob: while you were away (replayed)']))
    expect(text('recovery')).toBe('resumed 1')
    await bob.engine.sendMessage('alice', 'live')
    await waitFor(() => expect(seen).toEqual(['bob: while you were away (replayed)', 'bob: live']))
  })

  it('unmounting the chat screen leaves no subscription and no listener on the engine', async () => {
    const alice = realEngine(server)
    const { engine, held } = instrumentEngine(alice.engine)
    const view = render(
      <StrictMode>
        <CometChatProvider engine={engine}>
          <Chat authKey={server.authKey} seen={[]} />
        </CometChatProvider>
      </StrictMode>,
    )
    act(() => screen.getByText('log in').click())
    await waitFor(() => expect(text('status')).toBe('connected'))
    expect(held()).toMatchObject({ subscribe: 3, message: 1 })
    view.unmount()
    expect(held()).toMatchObject({ subscribe: 0, connection: 0, message: 0, user: 0 })
  })
})
