/**
 * `@cometchat-connection/playground`: the interactive connection playground as a React component
 * (the docs embed it) and its model, usable without React.
 *
 * @packageDocumentation
 */
export { Playground, type PlaygroundProps } from './components/playground.js'
export { PlaygroundStyles } from './components/playground-styles.js'
export { StateDiagram, type StateDiagramProps } from './components/state-diagram.js'
export { PLAYGROUND_CSS } from './components/styles.js'
export {
  createPlaygroundController,
  MIN_TIMEOUT_MS,
  PLAYGROUND_HEARTBEAT_INTERVAL_MS,
  PLAYGROUND_PONG_TIMEOUT_MS,
  type PlaygroundController,
  type PlaygroundOptions,
  type PlaygroundTimings,
} from './model/controller.js'
export { countdownProgress, formatCountdown } from './model/countdown.js'
export {
  type CatchUp,
  type ContinuityLoss,
  DEFAULT_INBOX_WINDOW,
  type SentLine,
} from './model/delivery.js'
export {
  DIAGRAM_EDGES,
  DIAGRAM_NODES,
  type DiagramEdge,
  type DiagramHighlight,
  type DiagramNode,
  describeDiagram,
  edgeKey,
  highlightOf,
} from './model/diagram.js'
export type { ErrorInfo } from './model/errors.js'
export { serverUrlFromSearch } from './model/server-url.js'
export type { ChatLine, PlaygroundState } from './model/state.js'
export { formatClock, formatOffset, type TimelineEntry, type TimelineKind } from './model/timeline.js'
export { IN_PAGE_SERVER_URL, type PlaygroundTransport, type ServerControls } from './model/transport.js'
