import type { ReactNode } from 'react'
import type { ErrorInfo } from '../model/errors.js'
import { formatClock } from '../model/timeline.js'

/** Props of {@link LastError}. */
export interface LastErrorProps {
  readonly error: ErrorInfo | null
}

/**
 * The last error of the main engine: its code first, then what reported it and the message, in a live
 * region named "Last error". Once the connection came back after it, it is shown as past (muted, with
 * when the connection recovered), so a green `connected` never stands beside a red error that no longer
 * holds. `data-state` is `none`, `current` or `past`.
 */
export function LastError({ error }: LastErrorProps): ReactNode {
  const state = error === null ? 'none' : error.recoveredAt === undefined ? 'current' : 'past'
  return (
    <div
      className={`ccp-last-error ccp-last-error-${state}`}
      data-testid="last-error"
      data-code={error?.code ?? ''}
      data-state={state}
      role="status"
      aria-label="Last error"
    >
      {error ? (
        <>
          {error.recoveredAt !== undefined && (
            <span className="ccp-muted">
              past error, connected again at {formatClock(error.recoveredAt)}:{' '}
            </span>
          )}
          <code>{error.code}</code> <span className="ccp-muted">{formatClock(error.at)}</span> {error.source}:{' '}
          {error.message}
        </>
      ) : (
        <span className="ccp-muted">no error yet</span>
      )}
    </div>
  )
}
