import type { ReactNode } from 'react'
import type { SentLine } from '../model/delivery.js'
import type { ChatLine } from '../model/state.js'
import { ChatList } from './chat-list.js'
import { SentList } from './sent-list.js'

/** Props of {@link ChatPanel}. */
export interface ChatPanelProps {
  readonly peerUid: string
  readonly presence: Readonly<Record<string, 'online' | 'offline'>>
  readonly inbox: readonly ChatLine[]
  readonly sent: readonly SentLine[]
  readonly sentCount: number
  readonly onSend: () => void
}

/**
 * The main user's side: presence of the second user, a Send button, the messages received (replayed
 * ones marked recovered) and the messages sent (waiting until stored).
 */
export function ChatPanel(props: ChatPanelProps): ReactNode {
  const presence = props.presence[props.peerUid] ?? 'unknown'
  return (
    <div>
      <p>
        {props.peerUid} is <b data-testid="peer-presence">{presence}</b>{' '}
        <span className="ccp-muted">(presence arrives only while connected)</span>
      </p>
      <div className="ccp-row">
        <button type="button" onClick={props.onSend}>
          Send message
        </button>
        <span className="ccp-muted" data-testid="sent">
          sent {props.sentCount}
        </span>
      </div>
      <h4>Received</h4>
      <ChatList lines={props.inbox} testId="inbox" label="Messages received" />
      <h4>Sent</h4>
      <SentList lines={props.sent} />
    </div>
  )
}
