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
  /**
   * Stalls every link (`true`) or ends the stall (`false`): a half-open connection, the link silently
   * stops carrying anything while both ends still think it is open. While stalled:
   *
   * - frames in both directions are **held**, not dropped, and no `error` or `close` fires: the client can
   *   only find out with a heartbeat (no pong comes back);
   * - a close handshake is held too: a socket the client closes stays `CLOSING`, and the server keeps
   *   it (and its user online) until the stall ends;
   * - a new socket's handshake is held: it stays `CONNECTING` (the engine's connect timeout gives up on
   *   it), and the server does not see it, as on a dead route where nothing gets through;
   * - `fetch` is not stalled, and {@link InMemoryTransport.dropConnections} and
   *   {@link InMemoryTransport.stop} still break sockets at once (error + close 1006).
   *
   * Ending the stall delivers everything held, in order, then delivery goes on as before: TCP retransmits,
   * so a stream that comes back has no hole in it. Frames for a socket its owner closed meanwhile are
   * discarded on arrival, as a real socket would; a client that gave up on a stalled socket has a new one.
   */
  setStalled(stalled: boolean): void
  /** Whether the links are stalled (see {@link InMemoryTransport.setStalled}). */
  isStalled(): boolean
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
 * transport.setStalled(true) // half-open: silence; the engine's heartbeat finds out
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
  let stalled = false
  /** `crossesLink`: a delivery over the link, held while stalled (see `setStalled`). */
  type Task = { readonly run: () => void; readonly crossesLink: boolean }
  let queue: Task[] = []
  /** Deliveries that came due while stalled, oldest first. */
  let held: Task[] = []
  let flushScheduled = false

  const scheduleFlush = () => {
    if (flushScheduled) return
    flushScheduled = true
    setTimeout(flush, latencyMs)
  }

  // One FIFO queue for the whole transport: events keep their order across sockets, like one network.
  // A stall is checked when a delivery comes due, so one already in flight when it starts is held too.
  function flush(): void {
    flushScheduled = false
    const tasks = queue
    queue = []
    for (const task of tasks) {
      if (task.crossesLink && stalled) held.push(task)
      else task.run()
    }
  }

  const hub: SocketHub = {
    core,
    isRunning: () => running,
    schedule(run) {
      queue.push({ run, crossesLink: false })
      scheduleFlush()
    },
    deliver(run) {
      queue.push({ run, crossesLink: true })
      scheduleFlush()
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
    setStalled(next) {
      if (next === stalled) return
      stalled = next
      if (stalled || held.length === 0) return
      // Everything held was scheduled before anything still queued: going first keeps the order.
      queue = [...held, ...queue]
      held = []
      scheduleFlush()
    },
    isStalled: () => stalled,
    connectionCount: () => sockets.size,
  }
}
