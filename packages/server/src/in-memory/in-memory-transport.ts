import type { WebSocketConstructorLike } from '@cometchat-connection/core'
import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'
import { createInMemoryFetch } from './in-memory-fetch.js'
import { createInMemorySocketClass, type InMemorySocket, type SocketHub } from './in-memory-socket.js'

/** Options of {@link createInMemoryTransport}. */
export interface InMemoryTransportOptions {
  /** Delay of every delivery (socket events and frames), ms; simulates latency. Default 0 (next macrotask). */
  latencyMs?: number
}

/**
 * A server with no network: sockets and `fetch` wired straight to a {@link RealtimeServerCore}. Pass
 * `WebSocket` and `fetch` to the engine's platform options; use the controls to simulate faults.
 */
export interface InMemoryTransport {
  /** A browser-like WebSocket class (implements core's `WebSocketLike`) connected to the core. */
  readonly WebSocket: WebSocketConstructorLike
  /** A `fetch` that answers `/v1/*` from the core's HTTP API. */
  readonly fetch: typeof fetch
  /** Breaks every open socket as a network fault would: the client sees `error`, then `close` with 1006. */
  dropConnections(): void
  /** Takes the server down: drops every socket (1006) and refuses new ones (error + close 1006; `fetch` rejects). */
  stop(): void
  /** Brings the server back after {@link InMemoryTransport.stop}. */
  start(): void
  /** Whether the server accepts connections. */
  isRunning(): boolean
  /** Sockets currently open. */
  connectionCount(): number
}

/**
 * Creates the in-page transport: the playground runs the real protocol logic in the browser, and tests
 * run the engine against it without ports.
 *
 * @example
 * ```ts
 * const core = new RealtimeServerCore()
 * const transport = createInMemoryTransport(core)
 * const engine = createConnectionEngine({
 *   appId: 'demo-app',
 *   platform: { WebSocket: transport.WebSocket, fetch: transport.fetch },
 * })
 * transport.dropConnections() // the engine sees close 1006 and reconnects
 * ```
 */
export function createInMemoryTransport(
  core: RealtimeServerCore,
  options: InMemoryTransportOptions = {},
): InMemoryTransport {
  const latencyMs = options.latencyMs ?? 0
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new RangeError(`latencyMs must be ≥ 0; got ${latencyMs}`)
  const sockets = new Set<InMemorySocket>()
  let running = true
  let queue: Array<() => void> = []
  let flushScheduled = false

  // One FIFO queue for the whole transport: events keep their order across sockets, like one network.
  const flush = () => {
    flushScheduled = false
    const tasks = queue
    queue = []
    for (const task of tasks) task()
  }

  const hub: SocketHub = {
    core,
    isRunning: () => running,
    schedule(task) {
      queue.push(task)
      if (!flushScheduled) {
        flushScheduled = true
        setTimeout(flush, latencyMs)
      }
    },
    add: (socket) => sockets.add(socket),
    remove: (socket) => sockets.delete(socket),
  }

  const dropConnections = () => {
    for (const socket of [...sockets]) socket.drop()
  }

  return {
    WebSocket: createInMemorySocketClass(hub),
    fetch: createInMemoryFetch(hub),
    dropConnections,
    stop() {
      running = false
      dropConnections()
    },
    start() {
      running = true
    },
    isRunning: () => running,
    connectionCount: () => sockets.size,
  }
}
