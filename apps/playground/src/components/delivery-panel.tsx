import type { Recovery } from '@cometchat-connection/core'
import type { ReactNode } from 'react'
import {
  type CatchUp,
  type ContinuityLoss,
  describePending,
  describeRecovery,
  RESET_REASONS,
} from '../model/delivery.js'

/** Props of {@link DeliveryPanel}. */
export interface DeliveryPanelProps {
  /** `snapshot.recovery`: the outcome of the last resume. */
  readonly recovery: Recovery | null
  /** `snapshot.pendingSends`: sends waiting for a connection or an acknowledgement. */
  readonly pendingSends: number
  /** The last `onContinuityLost` not yet caught up, or null. */
  readonly continuity: ContinuityLoss | null
  readonly catchUp: CatchUp | null
  readonly onCatchUp: () => void
}

/** The catch-up's outcome in words. */
export function describeCatchUp(catchUp: CatchUp | null): string {
  if (!catchUp) return 'not fetched yet'
  if (catchUp.state === 'fetching') return 'fetching…'
  if (catchUp.state === 'failed') return `failed: ${catchUp.code}: ${catchUp.message}`
  const { kept, added, truncated } = catchUp
  return (
    `the server still keeps ${kept} message${kept === 1 ? '' : 's'} after the last delivered one; ` +
    `${added} added to your messages (marked fetched)` +
    (truncated ? '. Older ones are gone: the gap was wider than the inbox window.' : '.')
  )
}

/**
 * The delivery promise as it stands: the last resume (`snapshot.recovery`), the sends still waiting
 * (`snapshot.pendingSends`), and continuity: intact, or lost (the reason) with a Catch up button that
 * fetches what the server still keeps. Each value is a named live region.
 */
export function DeliveryPanel(props: DeliveryPanelProps): ReactNode {
  const { continuity, catchUp } = props
  const recoveryState = props.recovery === null ? 'none' : props.recovery.resumed ? 'resumed' : 'lost'
  return (
    <div>
      <dl className="ccp-details">
        <div>
          <dt>Last resume (recovery)</dt>
          <dd>
            <output aria-label="Last resume" data-testid="recovery" data-state={recoveryState}>
              {describeRecovery(props.recovery)}
            </output>
          </dd>
        </div>
        <div>
          <dt>Pending sends</dt>
          <dd>
            <output aria-label="Pending sends" data-testid="pending-sends" data-count={props.pendingSends}>
              {describePending(props.pendingSends)}
            </output>
          </dd>
        </div>
      </dl>
      <div className={`ccp-continuity ccp-continuity-${continuity ? 'lost' : 'intact'}`}>
        <output aria-label="Continuity" data-testid="continuity" data-reason={continuity?.reason ?? ''}>
          {continuity ? (
            <>
              <b>Continuity lost</b> (<code>{continuity.reason}</code>): {RESET_REASONS[continuity.reason]},
              so nothing missed was replayed. Last delivered before the gap:{' '}
              <code>{continuity.lastDeliveredMessageId ?? 'none'}</code>.
            </>
          ) : (
            <>
              <b>Continuity intact</b>: messages missed while away are replayed on return, once and in order,
              marked <span className="ccp-tag ccp-tag-recovered">recovered</span>
            </>
          )}
        </output>
        {continuity && (
          <div className="ccp-row ccp-catch-up">
            <button type="button" onClick={props.onCatchUp} disabled={catchUp?.state === 'fetching'}>
              Catch up
            </button>
            <output aria-label="Catch-up result" data-testid="catch-up" data-state={catchUp?.state ?? 'none'}>
              {describeCatchUp(catchUp)}
            </output>
          </div>
        )}
      </div>
    </div>
  )
}
