/**
 * `@cometchat-connection/vue`: Vue 3 bindings for the connection engine.
 *
 * Install the engine (or a function creating it) with `app.use(createCometChatConnection(engine))`: the
 * plugin starts it when the app mounts. Read it with {@link useCometChatConnection}, who is online with
 * {@link useOnlineUsers}, events with the listener composables. Remounts never open a second socket;
 * server rendering opens none.
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
  type EngineOrFactory,
} from './plugin.js'
export {
  type CometChatConnection,
  type SnapshotRefs,
  useCometChatConnection,
} from './use-connection.js'
export { isServerRendering, useCometChatEngine } from './use-engine.js'
export { useOnlineUsers } from './use-online-users.js'
