import { CometChatException } from '@cometchat-connection/core'
import { createFakeEngine, textMessage } from '@cometchat-connection/core/testing'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CometChatProvider,
  useCometChatConnection,
  useConnectionListener,
  useMessageListener,
  useOnlineUsers,
} from '../index.js'

afterEach(cleanup)

/** Counts the renders of each component by name. */
type Renders = Record<string, number>
const count = (renders: Renders, name: string) => {
  renders[name] = (renders[name] ?? 0) + 1
}

function StatusBadge({ renders }: { renders: Renders }) {
  count(renders, 'badge')
  const status = useCometChatConnection((s) => s.status)
  return <output data-testid="badge">{status}</output>
}

function Everything({ renders }: { renders: Renders }) {
  count(renders, 'whole')
  useCometChatConnection()
  return null
}

function WhoIsOnline({ renders }: { renders: Renders }) {
  count(renders, 'online')
  const users = useOnlineUsers()
  return <p data-testid="online">{users.map((u) => u.uid).join(',') || 'nobody'}</p>
}

function Inbox({ seen }: { seen: string[] }) {
  const recovery = useCometChatConnection((s) => s.recovery)
  useMessageListener((m) => seen.push(`${m.text}${m.replayed ? ' (replayed)' : ''}`))
  useConnectionListener({
    onResumed: ({ replayed }) => seen.push(`resumed ${replayed}`),
    onContinuityLost: ({ reason }) => seen.push(`lost ${reason}`),
  })
  return <p data-testid="recovery">{recovery ? JSON.stringify(recovery) : 'none'}</p>
}

describe('selecting one field of the snapshot', () => {
  it('a status badge re-renders only when the status changes, not on every snapshot change', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const renders: Renders = {}
    render(
      <CometChatProvider engine={engine}>
        <StatusBadge renders={renders} />
        <Everything renders={renders} />
      </CometChatProvider>,
    )
    const before = { ...renders }
    act(() => engine.set({ reconnectAttempt: 1 }))
    act(() => engine.set({ pendingSends: 2 }))
    act(() => engine.set({ lastError: new CometChatException('ERR_NO_INTERNET') }))
    expect(renders.badge).toBe(before.badge)
    expect(renders.whole).toBe(before.whole! + 3) // the whole snapshot follows every change
    act(() => engine.set({ status: 'connecting' }))
    expect(renders.badge).toBe(before.badge! + 1)
    expect(screen.getByTestId('badge').textContent).toBe('connecting')
  })

  it('useOnlineUsers follows presence and ignores other changes', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const renders: Renders = {}
    render(
      <CometChatProvider engine={engine}>
        <WhoIsOnline renders={renders} />
      </CometChatProvider>,
    )
    const online = () => screen.getByTestId('online').textContent
    expect(online()).toBe('nobody')
    act(() => engine.emitUserOnline('bob'))
    act(() => engine.emitUserOnline('carol'))
    expect(online()).toBe('bob,carol')
    act(() => engine.emitUserOffline('bob'))
    expect(online()).toBe('carol')
    const before = renders.online
    act(() => engine.set({ status: 'connecting' }))
    expect(renders.online).toBe(before)
  })

  it('the last recovery as state, the resume signals through useConnectionListener, replayed messages like live ones', () => {
    const engine = createFakeEngine({ user: 'alice' })
    const seen: string[] = []
    render(
      <CometChatProvider engine={engine}>
        <Inbox seen={seen} />
      </CometChatProvider>,
    )
    act(() => engine.emitResumed(1))
    act(() => engine.emitMessage(textMessage('sent while away', { replayed: true })))
    act(() => engine.emitMessage(textMessage('live')))
    expect(screen.getByTestId('recovery').textContent).toBe('{"resumed":true,"replayed":1}')
    act(() => engine.emitContinuityLost('window'))
    expect(screen.getByTestId('recovery').textContent).toBe('{"resumed":false,"reason":"window"}')
    expect(seen).toEqual(['resumed 1', 'sent while away (replayed)', 'live', 'lost window'])
  })
})
