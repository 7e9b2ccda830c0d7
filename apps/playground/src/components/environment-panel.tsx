import type { AppStateValue, ConnectionMode } from '@cometchat-connection/core'
import type { ReactNode } from 'react'
import { ToggleGroup } from './toggle-group.js'

/** Props of {@link EnvironmentPanel}. */
export interface EnvironmentPanelProps {
  readonly mode: ConnectionMode
  readonly appState: AppStateValue
  readonly online: boolean
  readonly onMode: (mode: ConnectionMode) => void
  readonly onAppState: (state: AppStateValue) => void
  readonly onOnline: (online: boolean) => void
}

const modes = [
  { value: 'auto', label: 'Auto mode' },
  { value: 'manual', label: 'Manual mode' },
] as const
const appStates = [
  { value: 'foreground', label: 'Foreground' },
  { value: 'background', label: 'Background' },
] as const
const networks = [
  { value: 'online', label: 'Online' },
  { value: 'offline', label: 'Offline' },
] as const

/**
 * The mode (switching re-creates the engine) and the platform sources the engine listens to: app
 * state (`createControllableAppState`) and network (`createControllableNetwork`).
 */
export function EnvironmentPanel(props: EnvironmentPanelProps): ReactNode {
  return (
    <div className="ccp-stack">
      <ToggleGroup label="Mode" options={modes} value={props.mode} onChange={props.onMode} />
      <ToggleGroup label="App state" options={appStates} value={props.appState} onChange={props.onAppState} />
      <ToggleGroup
        label="Network"
        options={networks}
        value={props.online ? 'online' : 'offline'}
        onChange={(v) => props.onOnline(v === 'online')}
      />
    </div>
  )
}
