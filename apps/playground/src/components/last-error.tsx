import type { ReactNode } from 'react'
import type { ErrorInfo } from '../model/errors.js'
import { formatClock } from '../model/timeline.js'

/** Props of {@link LastError}. */
export interface LastErrorProps {
  readonly error: ErrorInfo | null
}

/** The last error of the main engine: its code first, then what reported it and the message. */
export function LastError({ error }: LastErrorProps): ReactNode {
  return (
    <div className="ccp-last-error" data-testid="last-error" data-code={error?.code ?? ''} role="status">
      {error ? (
        <>
          <code>{error.code}</code> <span className="ccp-muted">{formatClock(error.at)}</span> {error.source}:{' '}
          {error.message}
        </>
      ) : (
        <span className="ccp-muted">no error yet</span>
      )}
    </div>
  )
}
