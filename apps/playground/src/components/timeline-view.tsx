import type { ReactNode } from 'react'
import { formatClock, formatOffset, type TimelineEntry } from '../model/timeline.js'

/** Props of {@link TimelineView}. */
export interface TimelineViewProps {
  readonly entries: readonly TimelineEntry[]
  /** When the playground started; each entry also shows its offset from it. */
  readonly origin: number
  readonly onClear: () => void
}

/** Listener events, actions, messages and errors, newest first, with timestamps. */
export function TimelineView({ entries, origin, onClear }: TimelineViewProps): ReactNode {
  return (
    <section className="ccp-timeline" aria-label="Timeline">
      <header>
        <h3>Timeline</h3>
        <button type="button" onClick={onClear}>
          Clear timeline
        </button>
      </header>
      <ol data-testid="timeline">
        {entries.map((e) => (
          <li key={e.id} className={`ccp-entry ccp-entry-${e.kind}`} data-kind={e.kind} data-code={e.code}>
            <time dateTime={new Date(e.at).toISOString()} title={formatOffset(e.at, origin)}>
              {formatClock(e.at)}
            </time>
            <span className="ccp-entry-kind">{e.kind}</span>
            <span className="ccp-entry-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}
