import type { ConnectionMode } from '@cometchat-connection/core'
import { type ReactNode, useId } from 'react'
import { MIN_TIMEOUT_MS } from '../model/controller-api.js'
import { SwitchToggle } from './switch-toggle.js'

/** Props of {@link ConnectionPanel}. */
export interface ConnectionPanelProps {
  readonly mode: ConnectionMode
  readonly autoPing: boolean
  readonly autoPingIntervalMs: number
  readonly onConnect: () => void
  readonly onDisconnect: () => void
  readonly onPing: () => void
  readonly onAutoPing: (enabled: boolean) => void
  readonly onAutoPingInterval: (ms: number) => void
}

/**
 * Connect, Disconnect, Ping and the auto-ping switch. Every button stays enabled in every state, so
 * the engine's own answer (an error code in the timeline) is what you see.
 */
export function ConnectionPanel(props: ConnectionPanelProps): ReactNode {
  const id = useId()
  return (
    <>
      <div className="ccp-row">
        <button type="button" onClick={props.onConnect}>
          Connect
        </button>
        <button type="button" onClick={props.onDisconnect}>
          Disconnect
        </button>
        <button type="button" onClick={props.onPing}>
          Ping
        </button>
      </div>
      <div className="ccp-row">
        <SwitchToggle
          label="Auto-ping"
          checked={props.autoPing}
          onChange={props.onAutoPing}
          disabled={props.mode === 'auto' && !props.autoPing}
        />
        {/* A label and its field wrap as one, never apart. */}
        <span className="ccp-field">
          <label htmlFor={id}>Auto-ping interval (ms)</label>
          <input
            id={id}
            type="number"
            min={MIN_TIMEOUT_MS}
            step={100}
            defaultValue={props.autoPingIntervalMs}
            onChange={(e) => props.onAutoPingInterval(Number(e.target.value))}
          />
        </span>
        {props.mode === 'auto' && <span className="ccp-muted">ping() needs manual mode</span>}
      </div>
    </>
  )
}
