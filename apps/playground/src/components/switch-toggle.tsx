import type { ReactNode } from 'react'

/** Props of {@link SwitchToggle}. */
export interface SwitchToggleProps {
  /** The accessible name (stays the same; `aria-checked` carries the state). */
  readonly label: string
  readonly checked: boolean
  readonly onChange: (checked: boolean) => void
  readonly disabled?: boolean
}

/** An on/off switch: a `<button role="switch" aria-checked>`. */
export function SwitchToggle({ label, checked, onChange, disabled }: SwitchToggleProps): ReactNode {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      className="ccp-switch"
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="ccp-switch-track" aria-hidden="true">
        <span className="ccp-switch-thumb" />
      </span>
      {label}
    </button>
  )
}
