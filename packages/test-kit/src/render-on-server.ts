import { AppSettingsBuilder, type ConnectionEngine, createConnectionEngine } from '@cometchat-connection/core'
import { trapBrowserGlobals } from './browser-globals.js'
import { createCountingWebSocket } from './counting-web-socket.js'
import { InertWebSocket } from './inert-web-socket.js'
import { type EngineUsage, instrumentEngine } from './instrument-engine.js'

/** What {@link renderOnServer} saw. */
export interface ServerRender<T> {
  /** What `render` returned (awaited). */
  readonly output: T
  /** WebSocket constructor calls, from creating the engine to the end of the render. */
  readonly sockets: number
  /** Browser globals read while `render` ran (see {@link trapBrowserGlobals}). */
  readonly touched: readonly string[]
  /** What the render read and holds on the engine at its end. */
  readonly held: EngineUsage
}

/**
 * Renders the way server rendering meets the engine: a real engine in auto mode, created as a server
 * module would create it (default platform ports; only its WebSocket is a counting, inert one) and
 * initialised. `setUp` gets it behind {@link instrumentEngine} and builds the app; `render` renders
 * that app with the browser globals trapped (the framework's own app creation may read them, so only
 * rendering is checked). The engine is destroyed afterwards.
 *
 * @example
 * ```ts
 * const { output, sockets, touched, held } = await renderOnServer(
 *   (engine) => createSSRApp(Page).use(createCometChatConnection(engine)),
 *   renderToString,
 * )
 * expect([sockets, touched, held.reads]).toEqual([0, [], 0])
 * ```
 */
export async function renderOnServer<App, T>(
  setUp: (engine: ConnectionEngine) => App,
  render: (app: App) => T | Promise<T>,
): Promise<ServerRender<Awaited<T>>> {
  const counting = createCountingWebSocket(InertWebSocket)
  const real = createConnectionEngine({
    appId: 'demo-app',
    settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:9').build(),
    platform: { WebSocket: counting.WebSocket },
  })
  try {
    await real.init()
    const { engine, held } = instrumentEngine(real)
    const app = setUp(engine)
    const trap = trapBrowserGlobals()
    let output: Awaited<T>
    try {
      output = await render(app)
    } finally {
      trap.restore()
    }
    return { output, sockets: counting.count(), touched: trap.touched, held: held() }
  } finally {
    real.destroy()
  }
}
