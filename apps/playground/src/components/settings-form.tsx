import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { MIN_TIMEOUT_MS } from '../model/controller-api.js'

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  readonly backgroundTimeoutMs: number
  /** Called with a valid value; re-creates the engine. */
  readonly onApply: (ms: number) => void
}

/** Parses the timeout field: a whole number of ms, at least {@link MIN_TIMEOUT_MS}, else null. */
export function parseTimeout(text: string): number | null {
  const ms = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(ms) && ms >= MIN_TIMEOUT_MS ? ms : null
}

/** The manual-mode background timeout (`setBackgroundTimeout`). Applying it re-creates the engine. */
export function SettingsForm({ backgroundTimeoutMs, onApply }: SettingsFormProps): ReactNode {
  const id = useId()
  const [text, setText] = useState(String(backgroundTimeoutMs))
  const parsed = parseTimeout(text)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (parsed !== null) onApply(parsed)
  }
  return (
    <form className="ccp-row" onSubmit={submit}>
      <label htmlFor={id}>Background timeout (ms)</label>
      <input
        id={id}
        type="number"
        min={MIN_TIMEOUT_MS}
        step={100}
        value={text}
        aria-invalid={parsed === null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={parsed === null}>
        Apply
      </button>
      <span id={`${id}-hint`} className="ccp-muted">
        {parsed === null
          ? `a whole number ≥ ${MIN_TIMEOUT_MS}`
          : `in force: ${backgroundTimeoutMs} ms (applying re-creates the engine)`}
      </span>
    </form>
  )
}
