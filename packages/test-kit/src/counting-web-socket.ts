import type { WebSocketConstructorLike, WebSocketLike } from '@cometchat-connection/core'
import { WebSocket as WsWebSocket } from 'ws'
import type { InertWebSocket } from './inert-web-socket.js'

/** A WebSocket class that records every construction, and what it recorded. */
export interface CountingWebSocket {
  /** Pass this as `platform.WebSocket`. */
  readonly WebSocket: WebSocketConstructorLike
  /** How many sockets were constructed so far (the number SPEC I1 and StrictMode tests care about). */
  count(): number
  /** Every constructed socket, in order. */
  readonly instances: readonly WebSocketLike[]
  /** Sockets currently open or opening (readyState CONNECTING or OPEN): I1 says at most one per engine. */
  liveCount(): number
}

// `ws`'s WebSocket is a structural fit at runtime, but its event types are richer than core's
// WebSocketLike, so TypeScript needs the one cast here rather than in every test.
const defaultBase: WebSocketConstructorLike = WsWebSocket

/**
 * Wraps a WebSocket class so tests can count constructor calls: counting sockets the client made is
 * what proves "never a second socket", not counting what a server saw.
 *
 * @param Base - the class to wrap; default `ws`'s WebSocket (Node 20 has no global one). Unit tests
 *   with a fake engine pass {@link InertWebSocket}: a socket that never opens.
 * @example
 * ```ts
 * const counting = createCountingWebSocket()
 * const engine = createConnectionEngine({ appId, platform: { WebSocket: counting.WebSocket } })
 * await engine.connect()
 * expect(counting.count()).toBe(1)
 * ```
 */
export function createCountingWebSocket(Base: WebSocketConstructorLike = defaultBase): CountingWebSocket {
  const instances: WebSocketLike[] = []
  class Counting extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      instances.push(this)
    }
  }
  return {
    WebSocket: Counting,
    count: () => instances.length,
    instances,
    liveCount: () => instances.filter((ws) => ws.readyState === 0 || ws.readyState === 1).length,
  }
}
