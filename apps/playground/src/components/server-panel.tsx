import type { ReactNode } from 'react'
import { SwitchToggle } from './switch-toggle.js'

/** Props of {@link ServerPanel}. */
export interface ServerPanelProps {
  readonly transport: 'in-page' | 'server'
  readonly serverUrl: string | null
  readonly running: boolean
  /** Whether the links are stalled (half-open). */
  readonly stalled: boolean
  /** The main engine's heartbeat interval + pong timeout, ms: how long a stall goes unnoticed at most. */
  readonly heartbeatBoundMs: number
  readonly onDrop: () => void
  readonly onThrottle: () => void
  readonly onStop: () => void
  readonly onStart: () => void
  readonly onStall: (stalled: boolean) => void
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
      {/* Not tied to `running`: a stall set before a stop must stay switchable off. */}
      <SwitchToggle
        label="Stall link (half-open)"
        checked={props.stalled}
        onChange={props.onStall}
        disabled={remote}
      />
      {remote && <span className="ccp-muted">server controls need the in-page server</span>}
      {!remote && props.stalled && (
        <span className="ccp-muted">
          nothing crosses the link and nothing closes: only the heartbeat can tell, within{' '}
          {props.heartbeatBoundMs} ms of silence
        </span>
      )}
    </div>
  )
}
