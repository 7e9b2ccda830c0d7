import { type FormEvent, type ReactNode, useId, useState } from 'react'

/** Props of {@link InboxWindowForm}. */
export interface InboxWindowFormProps {
  /** The window in force; null with a real server (its own setting). */
  readonly inboxWindow: number | null
  /** Called with a valid window; restarts the in-page server. */
  readonly onApply: (events: number) => void
}

/** Parses the window field: a whole number of messages, at least 1, else null. */
export function parseInboxWindow(text: string): number | null {
  const n = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 ? n : null
}

/**
 * The in-page server's inbox window (`inboxMaxEvents`): how many messages it keeps per user, so how
 * many missed ones a resume can replay. Applying restarts the in-page server.
 */
export function InboxWindowForm({ inboxWindow, onApply }: InboxWindowFormProps): ReactNode {
  const id = useId()
  const remote = inboxWindow === null
  const [text, setText] = useState(() => String(inboxWindow ?? ''))
  const parsed = parseInboxWindow(text)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (parsed !== null) onApply(parsed)
  }
  return (
    <form onSubmit={submit} className="ccp-settings">
      <div className="ccp-settings-field">
        <label htmlFor={id}>Inbox window (messages)</label>
        <input
          id={id}
          type="number"
          min={1}
          step={1}
          value={text}
          disabled={remote}
          aria-invalid={!remote && parsed === null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <span id={`${id}-hint`} className="ccp-muted" data-testid="inbox-window">
          {remote
            ? 'the real server’s own setting'
            : parsed === null
              ? 'a whole number ≥ 1'
              : `in force: ${inboxWindow}`}
        </span>
      </div>
      <div className="ccp-row">
        <button type="submit" disabled={remote || parsed === null}>
          Restart server
        </button>
        <span className="ccp-muted">
          {remote
            ? 'needs the in-page server'
            : 'The server keeps this many messages per user (inboxMaxEvents). Restarting it forgets every user, token and inbox; whoever was logged in logs in again. Miss more than the window to see continuity lost.'}
        </span>
      </div>
    </form>
  )
}
