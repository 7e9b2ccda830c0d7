import type { ConnectionStatus, TransitionRecord } from '@cometchat-connection/core'
import type { ReactNode } from 'react'
import {
  DIAGRAM_EDGES,
  DIAGRAM_NODES,
  DIAGRAM_SIZE,
  describeDiagram,
  edgeGeometry,
  edgeKey,
  highlightOf,
  NODE_RADIUS,
} from '../model/diagram.js'

/** Props of {@link StateDiagram}. */
export interface StateDiagramProps {
  readonly status: ConnectionStatus
  readonly lastTransition: TransitionRecord | null
}

/**
 * The engine's status machine as SVG: the three statuses and the changes between them, with the
 * current status and the last transition (`snapshot.lastTransition`) highlighted.
 */
export function StateDiagram({ status, lastTransition }: StateDiagramProps): ReactNode {
  const h = highlightOf(status, lastTransition)
  const byStatus = new Map(DIAGRAM_NODES.map((n) => [n.status, n]))
  return (
    <svg
      className="ccp-diagram"
      viewBox={`0 0 ${DIAGRAM_SIZE.width} ${DIAGRAM_SIZE.height}`}
      role="img"
      aria-label={describeDiagram(h, lastTransition)}
      data-testid="state-diagram"
      data-active={h.node}
      data-edge={h.edge ?? ''}
    >
      <defs>
        <marker
          id="ccp-arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
        </marker>
      </defs>
      {DIAGRAM_EDGES.map((edge) => {
        const key = edgeKey(edge.from, edge.to)
        const g = edgeGeometry(byStatus.get(edge.from)!, byStatus.get(edge.to)!, NODE_RADIUS)
        const active = key === h.edge
        return (
          <g key={key} className={active ? 'ccp-edge ccp-edge-active' : 'ccp-edge'} data-edge={key}>
            <path d={g.d} fill="none" markerEnd="url(#ccp-arrow)" />
            <text x={g.labelX} y={g.labelY} textAnchor="middle">
              {active && h.event ? h.event : edge.label}
            </text>
          </g>
        )
      })}
      {DIAGRAM_NODES.map((node) => (
        <g
          key={node.status}
          className={node.status === h.node ? `ccp-node ccp-node-active ccp-node-${node.status}` : 'ccp-node'}
          data-node={node.status}
        >
          <circle cx={node.x} cy={node.y} r={NODE_RADIUS} />
          <text x={node.x} y={node.y + 4} textAnchor="middle">
            {node.status}
          </text>
        </g>
      ))}
    </svg>
  )
}
