import type { ConnectionStatus, TransitionRecord } from '@cometchat-connection/core'

/** A node of the drawing: one connection status. */
export interface DiagramNode {
  readonly status: ConnectionStatus
  readonly x: number
  readonly y: number
}

/** An edge of the drawing: a status change the engine can make, with what usually causes it. */
export interface DiagramEdge {
  readonly from: ConnectionStatus
  readonly to: ConnectionStatus
  readonly label: string
}

/** The width and height of the drawing's coordinate space. */
export const DIAGRAM_SIZE = { width: 640, height: 250 } as const

/** The radius of a node's circle. */
export const NODE_RADIUS = 48

/** The three statuses, laid out on a {@link DIAGRAM_SIZE} canvas. */
export const DIAGRAM_NODES: readonly DiagramNode[] = [
  { status: 'disconnected', x: 100, y: 170 },
  { status: 'connecting', x: 320, y: 65 },
  { status: 'connected', x: 540, y: 170 },
]

/**
 * Every status change the machine can report in one transition. `connected → connecting` happens when
 * one event closes the socket and opens a new one (a new login while connected).
 */
export const DIAGRAM_EDGES: readonly DiagramEdge[] = [
  { from: 'disconnected', to: 'connecting', label: 'open socket' },
  { from: 'connecting', to: 'connected', label: 'auth-ok' },
  { from: 'connecting', to: 'disconnected', label: 'failed / cancelled' },
  { from: 'connected', to: 'disconnected', label: 'close / background / logout' },
  { from: 'connected', to: 'connecting', label: 'new login' },
]

/** The key of an edge, as used by {@link highlightOf}. */
export const edgeKey = (from: ConnectionStatus, to: ConnectionStatus): string => `${from}->${to}`

/** What the drawing highlights. */
export interface DiagramHighlight {
  /** The node of the current status. */
  readonly node: ConnectionStatus
  /** The key of the edge of the last transition, or null before the first one. */
  readonly edge: string | null
  /** The machine event that caused the last transition, or null. */
  readonly event: string | null
}

/** Derives the highlight from the snapshot's `status` and `lastTransition`. */
export function highlightOf(status: ConnectionStatus, last: TransitionRecord | null): DiagramHighlight {
  if (!last) return { node: status, edge: null, event: null }
  const known = DIAGRAM_EDGES.some((e) => e.from === last.from && e.to === last.to)
  return { node: status, edge: known ? edgeKey(last.from, last.to) : null, event: last.event }
}

/** An accessible description of the drawing, e.g. `connected; last transition connecting → connected (socketMessage)`. */
export function describeDiagram(h: DiagramHighlight, last: TransitionRecord | null): string {
  const tail = last ? `; last transition ${last.from} → ${last.to} (${last.event})` : '; no transition yet'
  return `State machine, current state ${h.node}${tail}`
}

/**
 * The SVG path of an edge: a quadratic curve bent to the left of its direction, so the two
 * directions between the same nodes do not overlap. Returns the path and the label position.
 */
export function edgeGeometry(
  from: DiagramNode,
  to: DiagramNode,
  radius: number,
  bend = 40,
): { d: string; labelX: number; labelY: number } {
  const dx = to.x - from.x
  const dy = to.y - from.y
  const len = Math.hypot(dx, dy) || 1
  const ux = dx / len
  const uy = dy / len
  // Normal pointing to the left of the direction of travel.
  const nx = uy
  const ny = -ux
  const sx = from.x + ux * radius
  const sy = from.y + uy * radius
  const ex = to.x - ux * (radius + 6)
  const ey = to.y - uy * (radius + 6)
  const cx = (from.x + to.x) / 2 + nx * bend
  const cy = (from.y + to.y) / 2 + ny * bend
  const r = (n: number) => Math.round(n * 10) / 10
  return {
    d: `M ${r(sx)} ${r(sy)} Q ${r(cx)} ${r(cy)} ${r(ex)} ${r(ey)}`,
    labelX: r((sx + 2 * cx + ex) / 4 + nx * 16),
    labelY: r((sy + 2 * cy + ey) / 4 + ny * 16 + 4),
  }
}
