import type { ConnectionEngine } from '@cometchat-connection/core'
import { type CountingWebSocket, createCountingWebSocket } from './counting-web-socket.js'
import { createFakeEngine, type FakeEngine, type FakeEngineOptions } from './fake-engine.js'
import { InertWebSocket } from './inert-web-socket.js'
import { type EngineUsage, instrumentEngine } from './instrument-engine.js'

/** What an adapter unit test starts from: a fake engine, the engine to hand the adapter, and the counts. */
export interface FakeEngineKit {
  /** Counts the sockets the fake constructs (inert ones that never open). */
  readonly counting: CountingWebSocket
  /** The fake itself: set its snapshot, emit events. */
  readonly fake: FakeEngine
  /** The fake behind {@link instrumentEngine}: give this one to the adapter. */
  readonly engine: ConnectionEngine
  /** What the adapter holds on `engine` right now, and what it did so far. */
  held(): EngineUsage
}

/**
 * A {@link createFakeEngine | fake engine} that opens its sockets through a counting
 * {@link InertWebSocket}, wrapped by {@link instrumentEngine}.
 *
 * @example
 * ```ts
 * const { engine, fake, counting, held } = fakeEngineKit({ mode: 'manual' })
 * const view = render(<CometChatProvider engine={engine}>…</CometChatProvider>)
 * fake.emitMessage(textMessage('hi'))
 * expect(counting.count()).toBe(0)
 * ```
 */
export function fakeEngineKit(options: Omit<FakeEngineOptions, 'WebSocket'> = {}): FakeEngineKit {
  const counting = createCountingWebSocket(InertWebSocket)
  const fake = createFakeEngine({ ...options, WebSocket: counting.WebSocket })
  const { engine, held } = instrumentEngine(fake)
  return { counting, fake, engine, held }
}
