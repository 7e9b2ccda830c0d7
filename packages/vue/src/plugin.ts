import type { ConnectionEngine } from '@cometchat-connection/core'
import type { App, Plugin } from 'vue'
import { CometChatEngineKey } from './key.js'

const install = (app: App, engine: ConnectionEngine): void => {
  app.provide(CometChatEngineKey, engine)
}

/**
 * The plugin object: `app.use(CometChatConnectionPlugin, engine)` provides `engine` to every component.
 * Equivalent to `app.use(createCometChatConnection(engine))`.
 */
export const CometChatConnectionPlugin: Plugin<[ConnectionEngine]> = { install }

/**
 * A plugin that provides `engine` to the app, for {@link useCometChatConnection} and the listener
 * composables. The plugin never opens a socket: the engine is created once, outside components, and
 * mounting or unmounting components cannot create a second connection.
 *
 * @example
 * ```ts
 * const engine = createConnectionEngine({ appId: 'demo-app', settings })
 * void engine.init()
 * createApp(App).use(createCometChatConnection(engine)).mount('#app')
 * ```
 */
export function createCometChatConnection(engine: ConnectionEngine): Plugin {
  return { install: (app: App) => install(app, engine) }
}
