import type { ConnectionSnapshot } from '@cometchat-connection/core'
import type { ReactNode } from 'react'
import { useNow } from '../hooks/use-now.js'
import { countdownProgress, formatCountdown } from '../model/countdown.js'

/** Props of {@link Countdowns}. */
export interface CountdownsProps {
  readonly snapshot: ConnectionSnapshot
  /** The background timeout the deadline was set with, ms (for the progress bar). */
  readonly backgroundTimeoutMs: number
}

/**
 * Live countdowns to the manual-mode background deadline (`snapshot.backgroundDeadline`) and to the
 * next automatic retry (`snapshot.nextRetryAt`). Both are wall-clock deadlines in the snapshot; the
 * view only re-renders while one exists.
 */
export function Countdowns({ snapshot, backgroundTimeoutMs }: CountdownsProps): ReactNode {
  const { backgroundDeadline, nextRetryAt, reconnectAttempt } = snapshot
  const now = useNow(backgroundDeadline !== null || nextRetryAt !== null)
  const progress = countdownProgress(backgroundDeadline, backgroundTimeoutMs, now)
  return (
    <dl className="ccp-countdowns">
      <div>
        <dt>Background disconnect in</dt>
        <dd>
          <output data-testid="background-countdown" data-deadline={backgroundDeadline ?? ''}>
            {formatCountdown(backgroundDeadline, now)}
          </output>
          <meter min={0} max={1} value={progress} aria-label="Background grace period left" />
        </dd>
      </div>
      <div>
        <dt>Next retry in</dt>
        <dd>
          <output data-testid="retry-countdown" data-deadline={nextRetryAt ?? ''}>
            {formatCountdown(nextRetryAt, now)}
          </output>{' '}
          <span className="ccp-muted">attempt {reconnectAttempt}</span>
        </dd>
      </div>
    </dl>
  )
}
