import type { ReactNode } from 'react'
import type { ChatLine } from '../model/state.js'
import { formatClock } from '../model/timeline.js'

/** Props of {@link ChatList}. */
export interface ChatListProps {
  readonly lines: readonly ChatLine[]
  readonly testId: string
  /** Accessible name of the list. */
  readonly label: string
}

/** Received messages, oldest first. */
export function ChatList({ lines, testId, label }: ChatListProps): ReactNode {
  return (
    <ul className="ccp-chat" data-testid={testId} aria-label={label}>
      {lines.length === 0 && <li className="ccp-muted">nothing received</li>}
      {lines.map((l) => (
        <li key={l.id}>
          <time>{formatClock(l.at)}</time> <b>{l.from}</b>: {l.text}
        </li>
      ))}
    </ul>
  )
}
