/**
 * `@cometchat-connection/vue`: Vue 3 bindings for the connection engine.
 *
 * Create the engine once, outside components; install it with `app.use(createCometChatConnection(engine))`;
 * read it with {@link useCometChatConnection}. Remounts never open a second socket; server rendering opens none.
 * An app that hydrates server-rendered HTML installs it with `{ hydrate: true }`.
 *
 * @packageDocumentation
 */

export { type ConnectionActions, SERVER_SNAPSHOT } from '@cometchat-connection/core'
export { CometChatEngineKey } from './key.js'
export { useConnectionListener, useMessageListener, useUserListener } from './listeners.js'
export {
  type CometChatConnectionOptions,
  CometChatConnectionPlugin,
  createCometChatConnection,
} from './plugin.js'
export {
  type CometChatConnection,
  type SnapshotRefs,
  useCometChatConnection,
} from './use-connection.js'
export { isServerRendering, useCometChatEngine } from './use-engine.js'
