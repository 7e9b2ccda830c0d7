import type { ConnectionStatus } from '@cometchat-connection/core'
import type { ReactNode } from 'react'

/** Props of {@link StatusBadge}. */
export interface StatusBadgeProps {
  readonly status: ConnectionStatus
  /** The test hook; the main engine's badge is `status`. */
  readonly testId?: string
  /** The accessible name; default "Connection status" (the second user's: "bob's connection status"). */
  readonly label?: string
}

/**
 * The connection status, exactly as `getConnectionStatus()` returns it, in a live region (`<output>`, role
 * status) named by `label`: a screen reader says "Connection status, connected".
 */
export function StatusBadge({
  status,
  testId = 'status',
  label = 'Connection status',
}: StatusBadgeProps): ReactNode {
  return (
    <output
      className={`ccp-badge ccp-badge-${status}`}
      data-testid={testId}
      aria-live="polite"
      aria-label={label}
    >
      {status}
    </output>
  )
}
