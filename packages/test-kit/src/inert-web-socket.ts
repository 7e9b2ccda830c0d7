import type { WebSocketLike } from '@cometchat-connection/core'

/**
 * A WebSocket that never opens, sends nothing and fires no event: the base of a counting WebSocket in
 * unit tests, where only the constructor calls matter.
 *
 * @example
 * ```ts
 * const counting = createCountingWebSocket(InertWebSocket)
 * const engine = createFakeEngine({ WebSocket: counting.WebSocket })
 * ```
 */
export class InertWebSocket implements WebSocketLike {
  readonly readyState: number = 0
  onopen = null
  onmessage = null
  onerror = null
  onclose = null
  send(): void {}
  close(): void {}
}
