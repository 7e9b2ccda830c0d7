import type { TransitionRecord } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  DIAGRAM_EDGES,
  DIAGRAM_NODES,
  describeDiagram,
  edgeGeometry,
  edgeKey,
  highlightOf,
  NODE_RADIUS,
} from '../diagram.js'

const t = (from: TransitionRecord['from'], to: TransitionRecord['to'], event = 'tick'): TransitionRecord => ({
  from,
  to,
  event,
  at: 0,
})

describe('state machine drawing', () => {
  it('has one node per status and only edges between them', () => {
    expect(DIAGRAM_NODES.map((n) => n.status).sort()).toEqual(['connected', 'connecting', 'disconnected'])
    const statuses = new Set(DIAGRAM_NODES.map((n) => n.status))
    for (const e of DIAGRAM_EDGES) {
      expect(statuses.has(e.from) && statuses.has(e.to) && e.from !== e.to).toBe(true)
    }
    expect(new Set(DIAGRAM_EDGES.map((e) => edgeKey(e.from, e.to))).size).toBe(DIAGRAM_EDGES.length)
  })

  it('highlights only the current node before any transition', () => {
    expect(highlightOf('disconnected', null)).toEqual({ node: 'disconnected', edge: null, event: null })
  })

  it('highlights the current node and the edge of the last transition, with its event', () => {
    expect(highlightOf('connected', t('connecting', 'connected', 'socketMessage'))).toEqual({
      node: 'connected',
      edge: 'connecting->connected',
      event: 'socketMessage',
    })
    expect(highlightOf('disconnected', t('connected', 'disconnected', 'appState')).edge).toBe(
      'connected->disconnected',
    )
  })

  it('every transition the engine can report has an edge', () => {
    const pairs: Array<[TransitionRecord['from'], TransitionRecord['to']]> = [
      ['disconnected', 'connecting'],
      ['connecting', 'connected'],
      ['connecting', 'disconnected'],
      ['connected', 'disconnected'],
      ['connected', 'connecting'],
    ]
    for (const [from, to] of pairs) expect(highlightOf(to, t(from, to)).edge).toBe(edgeKey(from, to))
  })

  it('highlights no edge for a pair it does not draw', () => {
    expect(highlightOf('connected', t('disconnected', 'connected')).edge).toBeNull()
  })

  it('describes the state for screen readers', () => {
    const last = t('connecting', 'connected', 'socketMessage')
    expect(describeDiagram(highlightOf('connected', last), last)).toBe(
      'State machine, current state connected; last transition connecting → connected (socketMessage)',
    )
    expect(describeDiagram(highlightOf('disconnected', null), null)).toMatch(/no transition yet$/)
  })

  it('draws the two directions between the same nodes apart (bent to opposite sides)', () => {
    const [a, b] = [DIAGRAM_NODES[1]!, DIAGRAM_NODES[2]!]
    const there = edgeGeometry(a, b, NODE_RADIUS)
    const back = edgeGeometry(b, a, NODE_RADIUS)
    expect(there.d).toMatch(/^M [\d.-]+ [\d.-]+ Q [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+$/)
    expect(Math.hypot(there.labelX - back.labelX, there.labelY - back.labelY)).toBeGreaterThan(40)
  })
})
