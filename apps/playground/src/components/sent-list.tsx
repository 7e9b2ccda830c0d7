import type { ReactNode } from 'react'
import type { SentLine } from '../model/delivery.js'

/** Props of {@link SentList}. */
export interface SentListProps {
  readonly lines: readonly SentLine[]
}

/**
 * The main user's sends, oldest first, each marked with where it stands: `waiting` (for a connection
 * that is coming, or the server's acknowledgement), `stored` (acknowledged, once), or `failed` with its
 * code. `data-state` carries the same.
 */
export function SentList({ lines }: SentListProps): ReactNode {
  return (
    <ul className="ccp-chat" data-testid="sent-list" aria-label="Messages sent">
      {lines.length === 0 && <li className="ccp-muted">nothing sent</li>}
      {lines.map((l) => (
        <li key={l.key} data-state={l.state}>
          → <b>{l.to}</b>: <span className="ccp-chat-text">{l.text}</span>
          <span className={`ccp-tag ccp-tag-${l.state}`}>
            {l.state === 'failed' ? `failed ${l.code ?? ''}`.trim() : l.state}
          </span>
        </li>
      ))}
    </ul>
  )
}
