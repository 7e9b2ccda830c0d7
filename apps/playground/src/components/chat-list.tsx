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

/** The mark of a message that did not arrive live, with what it means. */
const MARKS = {
  replayed: ['recovered', 'sent while you were away: replayed when the connection resumed'],
  fetched: ['fetched', 'caught up from the server’s history after continuity was lost'],
} as const

/**
 * Received messages, oldest first. One replayed by a resume is marked `recovered`, one a catch-up
 * fetched is marked `fetched` (`data-source` says which: `live`, `replayed` or `fetched`).
 */
export function ChatList({ lines, testId, label }: ChatListProps): ReactNode {
  return (
    <ul className="ccp-chat" data-testid={testId} aria-label={label}>
      {lines.length === 0 && <li className="ccp-muted">nothing received</li>}
      {lines.map((l) => (
        <li key={l.id} data-source={l.source}>
          <time>{formatClock(l.at)}</time> <b>{l.from}</b>: <span className="ccp-chat-text">{l.text}</span>
          {l.source !== 'live' && (
            <span className={`ccp-tag ccp-tag-${MARKS[l.source][0]}`} title={MARKS[l.source][1]}>
              {MARKS[l.source][0]}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
