import type { ConnectionSnapshot } from '@cometchat-connection/core'
import type { ReactNode } from 'react'
import type { ChatLine } from '../model/state.js'
import { ChatList } from './chat-list.js'
import { StatusBadge } from './status-badge.js'

/** Props of {@link PeerPanel}. */
export interface PeerPanelProps {
  readonly peerUid: string
  readonly snapshot: ConnectionSnapshot
  readonly inbox: readonly ChatLine[]
  readonly sentCount: number
  readonly onLogin: () => void
  readonly onLogout: () => void
  readonly onSend: () => void
}

/** The second user, on a second engine (auto mode, always foreground and online). */
export function PeerPanel(props: PeerPanelProps): ReactNode {
  return (
    <div>
      <div className="ccp-row">
        <b>{props.peerUid}</b>
        <StatusBadge
          status={props.snapshot.status}
          testId="peer-status"
          label={`${props.peerUid}'s connection status`}
        />
        <button type="button" onClick={props.snapshot.user ? props.onLogout : props.onLogin}>
          {props.snapshot.user ? 'Peer logout' : 'Peer login'}
        </button>
        <button type="button" onClick={props.onSend}>
          Peer sends message
        </button>
        <span className="ccp-muted" data-testid="peer-sent">
          sent {props.sentCount}
        </span>
      </div>
      <ChatList lines={props.inbox} testId="peer-inbox" label={`Messages ${props.peerUid} received`} />
    </div>
  )
}
