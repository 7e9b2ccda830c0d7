import type { ConnectionStatus, TransitionRecord } from '@cometchat-connection/core'
import { PlaygroundStyles, StateDiagram } from '@cometchat-connection/playground'
import type { ReactNode } from 'react'

/** Props of {@link StateMachineFigure}. */
export interface StateMachineFigureProps {
  readonly status?: ConnectionStatus
  readonly lastTransition?: TransitionRecord | null
  readonly caption: string
}

/**
 * The playground's drawing of the status machine, static (server-rendered, no engine): the same
 * SVG the playground animates.
 */
export default function StateMachineFigure(props: StateMachineFigureProps): ReactNode {
  return (
    <figure className="ccp">
      <PlaygroundStyles />
      <StateDiagram status={props.status ?? 'disconnected'} lastTransition={props.lastTransition ?? null} />
      <figcaption>{props.caption}</figcaption>
    </figure>
  )
}
