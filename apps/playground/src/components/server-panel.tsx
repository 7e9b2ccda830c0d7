import type { ReactNode } from 'react'

/** Props of {@link ServerPanel}. */
export interface ServerPanelProps {
  readonly transport: 'in-page' | 'server'
  readonly serverUrl: string | null
  readonly running: boolean
  readonly onDrop: () => void
  readonly onThrottle: () => void
  readonly onStop: () => void
  readonly onStart: () => void
}

/** Fault controls of the in-page server; a real server has none (they are disabled, with the reason). */
export function ServerPanel(props: ServerPanelProps): ReactNode {
  const remote = props.transport === 'server'
  return (
    <div className="ccp-row">
      <span className="ccp-muted" data-testid="transport">
        {remote ? `real server ${props.serverUrl}` : 'in-page server'}
      </span>
      <button type="button" onClick={props.onDrop} disabled={remote || !props.running}>
        Drop connections
      </button>
      <button type="button" onClick={props.onThrottle} disabled={remote || !props.running}>
        Throttle notice
      </button>
      <button type="button" onClick={props.running ? props.onStop : props.onStart} disabled={remote}>
        {props.running ? 'Stop server' : 'Start server'}
      </button>
      {remote && <span className="ccp-muted">server controls need the in-page server</span>}
    </div>
  )
}
