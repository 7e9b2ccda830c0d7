import { type ConnectionEngine, isShownInState, startEngine } from '@cometchat-connection/core'
import type { App, Plugin } from 'vue'
import { CometChatEngineKey, HydrateKey } from './key.js'
import { rawEngine } from './use-engine.js'

/** The engine, or a function that creates it (called once, when the app mounts in the browser). */
export type EngineOrFactory = ConnectionEngine | (() => ConnectionEngine)

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

// Only the browser mounts an app (server rendering calls renderToString), so the engine is created
// and started in `app.mount`: a factory never runs on the server, and init() never runs there.
const install = (app: App, source: EngineOrFactory, options?: CometChatConnectionOptions): void => {
  const owned = typeof source === 'function'
  let engine = owned ? undefined : rawEngine(source)
  if (engine) app.provide(CometChatEngineKey, engine)
  if (options?.hydrate) app.provide(HydrateKey, true)
  // Vue passes the rejection of a promise an event handler returns (`@click="login(…)"`) to the error
  // handler. An action's failure is in `lastError`, where the template shows it: keep it out. Wrapped
  // at install and, if the app set another handler since, again at mount.
  let ours: App['config']['errorHandler']
  const filterErrors = () => {
    const handler = app.config.errorHandler
    ours = (error, instance, info) => {
      if (engine && isShownInState(engine, error)) return
      if (handler) handler(error, instance, info)
      else console.error(error)
    }
    app.config.errorHandler = ours
  }
  filterErrors()
  const { mount, unmount } = app
  app.mount = (...args) => {
    if (!engine) {
      engine = rawEngine((source as () => ConnectionEngine)())
      app.provide(CometChatEngineKey, engine)
    }
    startEngine(engine)
    if (app.config.errorHandler !== ours) filterErrors()
    return mount(...args)
  }
  app.unmount = () => {
    unmount()
    if (owned) engine?.destroy()
  }
}

/**
 * The plugin object: `app.use(CometChatConnectionPlugin, engine)` provides `engine` (or the engine a
 * factory creates) to every component. Equivalent to `app.use(createCometChatConnection(engine))`;
 * options come third: `app.use(CometChatConnectionPlugin, engine, { hydrate: true })`.
 */
export const CometChatConnectionPlugin: Plugin<[EngineOrFactory, CometChatConnectionOptions?]> = { install }

/**
 * A plugin that provides the engine to the app, for {@link useCometChatConnection} and the listener
 * composables, and starts it: when the app mounts it calls `engine.init()` (restores a saved session;
 * auto mode then connects; safe to call again), reporting a failure to `reportError`.
 *
 * A template may call an action directly (`@click="login({ uid, authKey })"`): Vue passes the rejection
 * of a promise a handler returns to `app.config.errorHandler`, but a failure the snapshot shows (its
 * `lastError`, which the template renders) is kept from it; every other error still goes to the
 * handler the app set before `app.use()` or `app.mount()` (or to `console.error`).
 *
 * Pass the engine (it stays yours: `destroy()` it yourself) or a function creating it: that runs once,
 * when the app mounts (never during server rendering), and its engine is destroyed with
 * `app.unmount()`. The plugin never opens a socket itself, and mounting or unmounting components cannot
 * create a second connection.
 *
 * @param options - `{ hydrate: true }` in an app that hydrates server-rendered HTML
 *   (see {@link CometChatConnectionOptions.hydrate}).
 *
 * @example
 * ```ts
 * createApp(App)
 *   .use(createCometChatConnection(() => createConnectionEngine({ appId: 'demo-app', settings })))
 *   .mount('#app')
 * // hydrating server HTML (Nuxt, Vite SSR):
 * createSSRApp(App).use(createCometChatConnection(engine, { hydrate: true })).mount('#app')
 * ```
 */
export function createCometChatConnection(
  engine: EngineOrFactory,
  options?: CometChatConnectionOptions,
): Plugin {
  return { install: (app: App) => install(app, engine, options) }
}
