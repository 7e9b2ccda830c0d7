import type { WebSocketConstructorLike } from '@cometchat-connection/core'
import {
  type FakeEngineOptions as CoreFakeEngineOptions,
  createFakeEngine as createCoreFakeEngine,
  type FakeEngine,
} from '@cometchat-connection/core/testing'
import { InertWebSocket } from './inert-web-socket.js'

export type { FakeEngine } from '@cometchat-connection/core/testing'
export { textMessage } from '@cometchat-connection/core/testing'

/** Options of {@link createFakeEngine}: core's, plus the WebSocket each connection attempt constructs. */
export interface FakeEngineOptions extends CoreFakeEngineOptions {
  /** The class each attempt constructs one socket with: pass a counting one to count. Default {@link InertWebSocket}. */
  WebSocket?: WebSocketConstructorLike
}

/**
 * The public fake engine (`@cometchat-connection/core/testing`) that also constructs one socket per
 * connection attempt, as the real engine does, so adapter tests can count WebSocket constructions
 * (StrictMode, remounts) against it.
 *
 * @example
 * ```ts
 * const counting = createCountingWebSocket(InertWebSocket)
 * const fake = createFakeEngine({ WebSocket: counting.WebSocket })
 * await fake.login('alice', 'key')
 * expect(counting.count()).toBe(1)
 * ```
 */
export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const { WebSocket = InertWebSocket, onOpen, ...rest } = options
  return createCoreFakeEngine({
    ...rest,
    onOpen: () => {
      new WebSocket('ws://fake.invalid/v1/ws')
      onOpen?.()
    },
  })
}
