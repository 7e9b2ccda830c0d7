'use client'
/**
 * `@cometchat-connection/react`: React bindings for the connection engine.
 *
 * Give {@link CometChatProvider} the engine (or a function creating it): it starts the engine. Read the
 * connection with {@link useCometChatConnection} (or one field of it), who is online with
 * {@link useOnlineUsers}, and events with the listener hooks. Remounts never open a second socket, and
 * server rendering opens none.
 *
 * @packageDocumentation
 */
export { type ConnectionActions, SERVER_SNAPSHOT } from '@cometchat-connection/core'
export { CometChatEngineContext } from './context.js'
export { useConnectionListener, useMessageListener, useUserListener } from './listeners.js'
export { CometChatProvider, type CometChatProviderProps } from './provider.js'
export { type CometChatConnection, useCometChatConnection } from './use-connection.js'
export { useCometChatEngine } from './use-engine.js'
export { useOnlineUsers } from './use-online-users.js'
