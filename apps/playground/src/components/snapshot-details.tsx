import type { ConnectionSnapshot } from '@cometchat-connection/core'
import type { ReactNode } from 'react'

/** Props of {@link SnapshotDetails}. */
export interface SnapshotDetailsProps {
  readonly snapshot: ConnectionSnapshot
}

/** The snapshot's other fields: what the engine knows about intent and environment. */
export function SnapshotDetails({ snapshot: s }: SnapshotDetailsProps): ReactNode {
  const rows: Array<[string, string]> = [
    ['mode', s.mode],
    ['intent', s.intent],
    ['appState', s.appState],
    ['online', String(s.online)],
    ['user', s.user?.uid ?? 'null'],
    ['reconnectAttempt', String(s.reconnectAttempt)],
    ['loggingIn', String(s.loggingIn)],
    ['onlineUsers', s.onlineUsers.map((u) => u.uid).join(', ') || 'none'],
  ]
  return (
    <dl className="ccp-details" data-testid="snapshot">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd data-field={k}>{v}</dd>
        </div>
      ))}
    </dl>
  )
}
