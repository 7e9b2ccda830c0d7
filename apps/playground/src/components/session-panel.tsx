import type { User } from '@cometchat-connection/core'
import { type ReactNode, useId } from 'react'

/** Props of {@link SessionPanel}. */
export interface SessionPanelProps {
  readonly users: readonly string[]
  readonly uid: string
  readonly user: User | null
  readonly onUidChange: (uid: string) => void
  readonly onLogin: () => void
  readonly onLogout: () => void
}

/** The user picker, Login and Logout. */
export function SessionPanel(props: SessionPanelProps): ReactNode {
  const id = useId()
  return (
    <div className="ccp-row">
      <label htmlFor={id}>User</label>
      <select id={id} value={props.uid} onChange={(e) => props.onUidChange(e.target.value)}>
        {props.users.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </select>
      <button type="button" onClick={props.onLogin}>
        Login
      </button>
      <button type="button" onClick={props.onLogout} disabled={!props.user}>
        Logout
      </button>
      <span className="ccp-muted" data-testid="user">
        {props.user ? `logged in as ${props.user.uid}` : 'nobody logged in'}
      </span>
    </div>
  )
}
