import type { TextMessage } from '@cometchat-connection/core'
import { useCometChatConnection, useMessageListener, useOnlineUsers } from '@cometchat-connection/react'
import { useState } from 'react'
import { authKey } from './engine.js'

export function ChatScreen() {
  const { status, user, lastError, recovery, login, logout, sendMessage } = useCometChatConnection()
  const online = useOnlineUsers()
  const [messages, setMessages] = useState<TextMessage[]>([])
  const add = (m: TextMessage) => setMessages((list) => [...list, m])
  useMessageListener(add)
  const [uid, setUid] = useState('alice')
  const [to, setTo] = useState('bob')
  const [text, setText] = useState('')

  return (
    <main>
      <h1>
        Chat{' '}
        <output className={`badge ${status}`} data-testid="status">
          {status}
        </output>
      </h1>
      {user ? (
        <p>
          <span data-testid="user">logged in as {user.uid}</span>{' '}
          <button type="button" data-testid="logout" onClick={() => logout()}>
            Log out
          </button>
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            login({ uid, authKey })
          }}
        >
          <span data-testid="user">nobody logged in</span>{' '}
          <input aria-label="uid" data-testid="uid" value={uid} onChange={(e) => setUid(e.target.value)} />
          <button type="submit" data-testid="login">
            Log in
          </button>
        </form>
      )}
      <p>
        Last error: <code data-testid="last-error">{lastError?.code ?? 'none'}</code> {lastError?.message}
      </p>
      {recovery && (
        <p data-testid="recovery">
          {recovery.resumed
            ? `Back: ${recovery.replayed} missed message(s) delivered.`
            : `Messages may be missing (${recovery.reason}).`}
        </p>
      )}
      <p>
        Online: <span data-testid="online">{online.map((u) => u.uid).join(', ') || 'nobody'}</span>
      </p>
      <ul data-testid="messages">
        {messages.map((m) => (
          <li key={m.id} data-testid="message">
            {m.sender} → {m.receiver}: {m.text}
            {m.replayed && ' (recovered)'}
          </li>
        ))}
      </ul>
      {user && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            sendMessage(to, text, { onSuccess: add })
            setText('')
          }}
        >
          <input aria-label="to" data-testid="to" value={to} onChange={(e) => setTo(e.target.value)} />
          <input
            aria-label="message"
            data-testid="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" data-testid="send">
            Send
          </button>
        </form>
      )}
    </main>
  )
}
