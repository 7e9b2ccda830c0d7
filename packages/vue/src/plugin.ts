import type { ConnectionEngine } from '@cometchat-connection/core'
import type { App, Plugin } from 'vue'
import { CometChatEngineKey, HydrateKey } from './key.js'

/** Options of {@link createCometChatConnection} and {@link CometChatConnectionPlugin}. */
export interface CometChatConnectionOptions {
  /**
   * Set it in an app that hydrates server-rendered HTML (`createSSRApp(…).mount()` over the server's
   * markup, Nuxt). The server always renders `SERVER_SNAPSHOT` (disconnected, nobody logged in), but the
   * browser's engine may already be further (a restored session, `connecting`, `connected`). With this
   * option {@link useCometChatConnection} renders `SERVER_SNAPSHOT` first, so hydration matches the
   * server's HTML, and switches to the engine's snapshot in `onMounted` (it subscribes in `setup()` as
   * usual). This applies to every component of the app, including ones mounted after hydration: their
   * first render is `SERVER_SNAPSHOT` too and is replaced in the same flush, before the browser paints,
   * but a `watch` on a field sees the change.
   *
   * Leave it unset in client-only apps (`createApp`): their first render is then the engine's snapshot.
   * Vue gives `setup()` no public way to tell that it is hydrating, so this is not detected.
   *
   * @defaultValue `false`
   */
  readonly hydrate?: boolean
}

const install = (app: App, engine: ConnectionEngine, options?: CometChatConnectionOptions): void => {
  app.provide(CometChatEngineKey, engine)
  if (options?.hydrate) app.provide(HydrateKey, true)
}

/**
 * The plugin object: `app.use(CometChatConnectionPlugin, engine)` provides `engine` to every component.
 * Equivalent to `app.use(createCometChatConnection(engine))`; options come third:
 * `app.use(CometChatConnectionPlugin, engine, { hydrate: true })`.
 */
export const CometChatConnectionPlugin: Plugin<[ConnectionEngine, CometChatConnectionOptions?]> = { install }

/**
 * A plugin that provides `engine` to the app, for {@link useCometChatConnection} and the listener
 * composables. The plugin never opens a socket: the engine is created once, outside components, and
 * mounting or unmounting components cannot create a second connection.
 *
 * @param options - `{ hydrate: true }` in an app that hydrates server-rendered HTML
 *   (see {@link CometChatConnectionOptions.hydrate}).
 *
 * @example
 * ```ts
 * const engine = createConnectionEngine({ appId: 'demo-app', settings })
 * void engine.init()
 * createApp(App).use(createCometChatConnection(engine)).mount('#app')
 * // hydrating server HTML (Nuxt, Vite SSR):
 * createSSRApp(App).use(createCometChatConnection(engine, { hydrate: true })).mount('#app')
 * ```
 */
export function createCometChatConnection(
  engine: ConnectionEngine,
  options?: CometChatConnectionOptions,
): Plugin {
  return { install: (app: App) => install(app, engine, options) }
}
