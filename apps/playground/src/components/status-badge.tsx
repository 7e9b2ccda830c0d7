import type { ConnectionStatus } from '@cometchat-connection/core'
import type { ReactNode } from 'react'

/** Props of {@link StatusBadge}. */
export interface StatusBadgeProps {
  readonly status: ConnectionStatus
  /** The test hook; the main engine's badge is `status`. */
  readonly testId?: string
}

/** The connection status, exactly as `getConnectionStatus()` returns it, in a live region. */
export function StatusBadge({ status, testId = 'status' }: StatusBadgeProps): ReactNode {
  return (
    <output className={`ccp-badge ccp-badge-${status}`} data-testid={testId} aria-live="polite">
      {status}
    </output>
  )
}
