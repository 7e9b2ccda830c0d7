import { CometChatException } from '@cometchat-connection/core'
import { useCometChatConnection, useConnectionListener } from '@cometchat-connection/react'
import { useState } from 'react'
import { serverUrl } from './engine.js'

export function ConnectionPanel({ onSwitchMode }: { onSwitchMode: () => void }) {
  const { status, mode, user, lastError, appState, online, login, logout, connect, disconnect, ping } =
    useCometChatConnection()
  const [uid, setUid] = useState('alice')
  const [error, setError] = useState<CometChatException | null>(null)
  const [outcome, setOutcome] = useState('none')
  const [log, setLog] = useState<string[]>([])
  useConnectionListener({
    onConnected: () => setLog((l) => [...l.slice(-4), 'onConnected']),
    onDisconnected: () => setLog((l) => [...l.slice(-4), 'onDisconnected']),
  })

  // Every action returns a promise; show its outcome instead of leaving a rejection unhandled.
  const run = (name: string, action: () => Promise<unknown>) => () => {
    setError(null)
    setOutcome(`${name}…`)
    action().then(
      () => setOutcome(`${name}: ok`),
      (e: unknown) => {
        setOutcome(`${name}: failed`)
        setError(e instanceof CometChatException ? e : null)
      },
    )
  }
  const shown = error ?? lastError

  return (
    <main>
      <h1>CometChat connection · React</h1>
      <p>
        Status{' '}
        <output className={`badge ${status}`} data-testid="status">
          {status}
        </output>
        <small>
          {' '}
          {appState} · {online ? 'online' : 'offline'} · {serverUrl}
        </small>
      </p>
      <p>
        Mode <b data-testid="mode">{mode}</b>{' '}
        <button type="button" onClick={onSwitchMode} data-testid="switch-mode">
          Switch to {mode === 'auto' ? 'manual' : 'auto'}
        </button>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          run('login', () => login(uid, 'demo-auth-key'))()
        }}
      >
        <input aria-label="uid" data-testid="uid" value={uid} onChange={(e) => setUid(e.target.value)} />
        <button type="submit" data-testid="login">
          Login
        </button>
        <button type="button" data-testid="logout" onClick={run('logout', logout)}>
          Logout
        </button>{' '}
        <span data-testid="user">{user ? `logged in as ${user.uid}` : 'nobody logged in'}</span>
      </form>
      <p>
        <button type="button" data-testid="connect" onClick={run('connect', connect)}>
          Connect
        </button>
        <button type="button" data-testid="disconnect" onClick={run('disconnect', disconnect)}>
          Disconnect
        </button>
        <button type="button" data-testid="ping" onClick={run('ping', ping)}>
          Ping
        </button>
      </p>
      <p>
        Last action: <span data-testid="outcome">{outcome}</span>
        <br />
        Last error: <code data-testid="last-error">{shown ? shown.code : 'none'}</code>{' '}
        <small>{shown?.message}</small>
      </p>
      <p>
        <small data-testid="log">{log.join(' → ')}</small>
      </p>
    </main>
  )
}
