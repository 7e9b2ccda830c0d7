import { useCometChatConnection } from '@cometchat-connection/react'
import { useState } from 'react'

/** Manual mode (?mode=manual): the app opens and closes the socket, and keeps it alive in the background. */
export function ManualControls() {
  const { mode, appState, connect, disconnect, ping } = useCometChatConnection()
  const [pinged, setPinged] = useState('never')
  return (
    <section>
      <p>
        Mode <b data-testid="mode">{mode}</b> · {appState}
      </p>
      <button type="button" data-testid="connect" onClick={() => connect()}>
        Connect
      </button>
      <button type="button" data-testid="disconnect" onClick={() => disconnect()}>
        Disconnect
      </button>
      <button
        type="button"
        data-testid="ping"
        onClick={() => ping({ onSuccess: () => setPinged(`ok at ${new Date().toLocaleTimeString()}`) })}
      >
        Ping
      </button>{' '}
      Last ping: <span data-testid="pinged">{pinged}</span>
    </section>
  )
}
