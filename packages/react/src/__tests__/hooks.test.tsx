import {
  CometChatException,
  type ConnectionListener,
  ErrorCodes,
  type TextMessage,
} from '@cometchat-connection/core'
import { fakeEngineKit, textMessage } from '@cometchat-connection/test-kit'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useUserListener,
} from '../index.js'

afterEach(cleanup)

interface Grabbed {
  connection?: ReturnType<typeof useCometChatConnection>
}

function Grab({ into }: { into: Grabbed }) {
  into.connection = useCometChatConnection()
  return null
}

function Everything() {
  useCometChatConnection()
  useMessageListener(() => {})
  useUserListener({})
  useConnectionListener({})
  return <Status />
}

function Inbox({ tag, seen }: { tag: string; seen: string[] }) {
  useMessageListener((m: TextMessage) => seen.push(`${tag}:${m.text}`))
  return null
}

function Watch({ tag, calls }: { tag: string; calls: string[] }) {
  const listener: ConnectionListener = {
    onConnected: () => calls.push(`${tag}:connected`),
    onConnectionError: (e) => calls.push(`${tag}:${e.code}`),
  }
  useConnectionListener(listener)
  return null
}

function Status() {
  const { status, user } = useCometChatConnection()
  return (
    <p data-testid="status">
      {status}:{user?.uid ?? 'nobody'}
    </p>
  )
}

describe.each([
  ['StrictMode', true],
  ['no StrictMode', false],
])('useCometChatConnection (%s)', (_name, strict) => {
  const wrap = (node: ReactNode) => (strict ? <StrictMode>{node}</StrictMode> : node)

  it('renders the snapshot and follows it through login', async () => {
    const { engine } = fakeEngineKit()
    const grabbed: Grabbed = {}
    render(
      wrap(
        <CometChatProvider engine={engine}>
          <Status />
          <Grab into={grabbed} />
        </CometChatProvider>,
      ),
    )
    expect(screen.getByTestId('status').textContent).toBe('disconnected:nobody')
    await act(() => grabbed.connection!.login('alice'))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('connected:alice'))
  })

  it('remounting the tree constructs exactly one WebSocket', async () => {
    const { engine, counting } = fakeEngineKit()
    const tree = wrap(
      <CometChatProvider engine={engine}>
        <Status />
      </CometChatProvider>,
    )
    const first = render(tree)
    await act(() => engine.login('alice'))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('connected:alice'))
    first.unmount()
    render(tree)
    expect(screen.getByTestId('status').textContent).toBe('connected:alice')
    expect(counting.count()).toBe(1)
  })

  it('unmount removes every subscription and listener the hooks made', () => {
    const { engine, held } = fakeEngineKit()
    const view = render(
      wrap(
        <CometChatProvider engine={engine}>
          <Everything />
          <Status />
        </CometChatProvider>,
      ),
    )
    expect(held()).toMatchObject({ subscribe: 3, connection: 1, message: 1, user: 1 })
    view.unmount()
    expect(held()).toMatchObject({ subscribe: 0, connection: 0, message: 0, user: 0 })
  })

  it('actions are stable across renders and bound to the engine', async () => {
    const { engine } = fakeEngineKit({ mode: 'manual' })
    const wrapper = ({ children }: { children: ReactNode }) =>
      wrap(<CometChatProvider engine={engine}>{children}</CometChatProvider>)
    const { result, rerender } = renderHook(() => useCometChatConnection(), { wrapper })
    const first = result.current
    rerender()
    for (const name of ['login', 'logout', 'connect', 'disconnect', 'ping', 'sendMessage'] as const) {
      expect(result.current[name]).toBe(first[name])
    }
    const { connect } = result.current
    await expect(connect()).rejects.toMatchObject({ code: ErrorCodes.NOT_LOGGED_IN })
    await waitFor(() => expect(result.current.lastError?.code).toBe(ErrorCodes.NOT_LOGGED_IN))
  })
})

describe('listener hooks call the latest handler without re-registering', () => {
  it('useMessageListener', () => {
    const { engine, fake, held } = fakeEngineKit()
    const seen: string[] = []
    const view = render(
      <CometChatProvider engine={engine}>
        <Inbox tag="first" seen={seen} />
      </CometChatProvider>,
    )
    const adds = held().adds
    view.rerender(
      <CometChatProvider engine={engine}>
        <Inbox tag="second" seen={seen} />
      </CometChatProvider>,
    )
    fake.emitMessage(textMessage('hi'))
    expect(seen).toEqual(['second:hi'])
    expect(held().adds).toBe(adds)
  })

  it('useUserListener accepts an object of handlers', () => {
    const { engine, fake } = fakeEngineKit()
    const onUserOnline = vi.fn()
    render(
      <CometChatProvider engine={engine}>
        <Presence onUserOnline={onUserOnline} />
      </CometChatProvider>,
    )
    fake.emitUserOnline('bob')
    expect(onUserOnline).toHaveBeenCalledWith(expect.objectContaining({ uid: 'bob', status: 'online' }))
  })

  it('useConnectionListener: changing the listener never reconnects', async () => {
    const { engine, fake, counting, held } = fakeEngineKit()
    const calls: string[] = []
    const view = render(
      <StrictMode>
        <CometChatProvider engine={engine}>
          <Watch tag="a" calls={calls} />
        </CometChatProvider>
      </StrictMode>,
    )
    await act(() => engine.login('alice'))
    const adds = held().adds
    for (const tag of ['b', 'c', 'd']) {
      view.rerender(
        <StrictMode>
          <CometChatProvider engine={engine}>
            <Watch tag={tag} calls={calls} />
          </CometChatProvider>
        </StrictMode>,
      )
    }
    fake.emitConnectionError(new CometChatException(ErrorCodes.WEBSOCKET_ERROR))
    expect(calls).toEqual(['a:connected', `d:${ErrorCodes.WEBSOCKET_ERROR}`])
    expect(held().adds).toBe(adds)
    expect(counting.count()).toBe(1)
  })
})

function Presence({ onUserOnline }: { onUserOnline: (u: unknown) => void }) {
  useUserListener({ onUserOnline })
  return null
}

describe('outside a provider', () => {
  it('throws a CometChatException that says what to do', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    let caught: unknown
    try {
      renderHook(() => useCometChatConnection())
    } catch (e) {
      caught = e
    }
    spy.mockRestore()
    expect(caught).toBeInstanceOf(CometChatException)
    expect(caught).toMatchObject({ code: ErrorCodes.NOT_INITIALIZED })
    expect((caught as Error).message).toMatch(/CometChatProvider/)
  })

  it('the listener hooks throw the same error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useMessageListener(() => {}))).toThrow(/CometChatProvider/)
    spy.mockRestore()
  })
})
