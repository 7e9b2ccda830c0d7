import type { WebSocketConstructorLike } from '@cometchat-connection/core'
import { createInMemoryTransport, RealtimeServerCore } from '@cometchat-connection/server/protocol'

/** The server controls of the in-page server (a real server has no remote controls). */
export interface ServerControls {
  /** Breaks every socket as a network fault would (clients see close 1006 and reconnect). */
  dropConnections(): void
  /** Sends a `throttle` frame to `uid`'s sockets (every socket without a uid); returns how many were told. */
  sendThrottleNotice(uid?: string): number
  /** Takes the server down: drops every socket and refuses new ones and HTTP requests. */
  stop(): void
  /** Brings the server back. */
  start(): void
  /** Whether the server accepts connections. */
  isRunning(): boolean
  /** Stalls every link or ends the stall (half-open: frames held, no close). See `InMemoryTransport.setStalled`. */
  setStalled(stalled: boolean): void
  /** Whether the links are stalled. */
  isStalled(): boolean
}

/** Where the playground's engines connect to, and how. */
export interface PlaygroundTransport {
  /** `in-page`: the server's protocol logic runs in this page. `server`: a real server at `serverUrl`. */
  readonly kind: 'in-page' | 'server'
  /** The value for `AppSettingsBuilder.setServerUrl()`. */
  readonly serverUrl: string
  /** The WebSocket class for the engines; undefined means the browser's own. */
  readonly WebSocket: WebSocketConstructorLike | undefined
  /** The fetch for the engines; undefined means the browser's own. */
  readonly fetch: typeof fetch | undefined
  /** Fault controls; null for a real server. */
  readonly controls: ServerControls | null
}

/** The server URL the in-page transport is addressed with. Never resolved: no request leaves the page. */
export const IN_PAGE_SERVER_URL = 'http://in-page.invalid'

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** A real server's http(s) base URL; null or empty for the in-page server. */
  readonly serverUrl: string | null | undefined
  readonly appId: string
  readonly authKey: string
  /** In-page only: delay of every delivery, ms, so `connecting` is visible. */
  readonly latencyMs: number
  /** In-page only: how many messages the server keeps per user (`inboxMaxEvents`). */
  readonly inboxMaxEvents: number
}

/**
 * Creates the transport: the in-page server (the same protocol logic as `startServer()`, with no
 * network, so the docs work on a static host) unless a real server URL is given.
 */
export function createTransport(options: TransportOptions): PlaygroundTransport {
  if (options.serverUrl) {
    return {
      kind: 'server',
      serverUrl: options.serverUrl,
      WebSocket: undefined,
      fetch: undefined,
      controls: null,
    }
  }
  const core = new RealtimeServerCore({
    appId: options.appId,
    authKey: options.authKey,
    inboxMaxEvents: options.inboxMaxEvents,
  })
  const transport = createInMemoryTransport(core, { latencyMs: options.latencyMs })
  return {
    kind: 'in-page',
    serverUrl: IN_PAGE_SERVER_URL,
    WebSocket: transport.WebSocket,
    fetch: transport.fetch,
    controls: {
      dropConnections: () => transport.dropConnections(),
      sendThrottleNotice: (uid) => core.sendThrottleNotice(uid),
      stop: () => transport.stop(),
      start: () => transport.start(),
      isRunning: () => transport.isRunning(),
      setStalled: (stalled) => transport.setStalled(stalled),
      isStalled: () => transport.isStalled(),
    },
  }
}
