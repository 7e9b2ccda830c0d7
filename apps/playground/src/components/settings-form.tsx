import { type FormEvent, type ReactNode, useId, useState } from 'react'
import {
  MIN_TIMEOUT_MS,
  PLAYGROUND_HEARTBEAT_INTERVAL_MS,
  PLAYGROUND_PONG_TIMEOUT_MS,
  type PlaygroundTimings,
} from '../model/controller-api.js'

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  /** The timings in force. */
  readonly timings: PlaygroundTimings
  /** Called with valid values; re-creates the engine if any changed. */
  readonly onApply: (timings: PlaygroundTimings) => void
}

/** Parses a timeout field: a whole number of ms, at least {@link MIN_TIMEOUT_MS}, else null. */
export function parseTimeout(text: string): number | null {
  const ms = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(ms) && ms >= MIN_TIMEOUT_MS ? ms : null
}

const FIELDS: ReadonlyArray<readonly [keyof PlaygroundTimings, string]> = [
  ['backgroundTimeoutMs', 'Background timeout (ms)'],
  ['heartbeatIntervalMs', 'Heartbeat interval (ms)'],
  ['pongTimeoutMs', 'Pong timeout (ms)'],
]

/**
 * The main engine's timings: the manual-mode background timeout (`setBackgroundTimeout`) and the heartbeat
 * (`setHeartbeatInterval`, `setPongTimeout`). Applying re-creates the engine.
 */
export function SettingsForm({ timings, onApply }: SettingsFormProps): ReactNode {
  const id = useId()
  const [texts, setTexts] = useState<Record<keyof PlaygroundTimings, string>>(() => ({
    backgroundTimeoutMs: String(timings.backgroundTimeoutMs),
    heartbeatIntervalMs: String(timings.heartbeatIntervalMs),
    pongTimeoutMs: String(timings.pongTimeoutMs),
  }))
  const parsed = {
    backgroundTimeoutMs: parseTimeout(texts.backgroundTimeoutMs),
    heartbeatIntervalMs: parseTimeout(texts.heartbeatIntervalMs),
    pongTimeoutMs: parseTimeout(texts.pongTimeoutMs),
  }
  const { backgroundTimeoutMs, heartbeatIntervalMs, pongTimeoutMs } = parsed
  const next =
    backgroundTimeoutMs !== null && heartbeatIntervalMs !== null && pongTimeoutMs !== null
      ? { backgroundTimeoutMs, heartbeatIntervalMs, pongTimeoutMs }
      : null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (next) onApply(next)
  }
  return (
    <form onSubmit={submit} className="ccp-settings">
      {FIELDS.map(([name, label]) => (
        <div className="ccp-settings-field" key={name}>
          <label htmlFor={`${id}-${name}`}>{label}</label>
          <input
            id={`${id}-${name}`}
            type="number"
            min={MIN_TIMEOUT_MS}
            step={100}
            value={texts[name]}
            aria-invalid={parsed[name] === null}
            aria-describedby={`${id}-${name}-hint`}
            onChange={(e) => setTexts({ ...texts, [name]: e.target.value })}
          />
          <span id={`${id}-${name}-hint`} className="ccp-muted">
            {parsed[name] === null ? `a whole number ≥ ${MIN_TIMEOUT_MS}` : `in force: ${timings[name]} ms`}
          </span>
        </div>
      ))}
      <div className="ccp-row">
        <button type="submit" disabled={next === null}>
          Apply
        </button>
        <span className="ccp-muted">
          Applying re-creates the engine. The heartbeat pings after the interval of silence and drops the
          socket if no pong comes within the timeout. The playground's default is{' '}
          {PLAYGROUND_HEARTBEAT_INTERVAL_MS} + {PLAYGROUND_PONG_TIMEOUT_MS} ms (the engine's is 15000 +
          10000), so a stalled link shows within seconds.
        </span>
      </div>
    </form>
  )
}
