'use client'
/**
 * `@cometchat-connection/react`: React bindings for the connection engine.
 *
 * Create the engine once, outside React; give it to {@link CometChatProvider}; read it with
 * {@link useCometChatConnection}. Remounts never open a second socket, and server rendering opens none.
 *
 * @packageDocumentation
 */
export { type ConnectionActions, SERVER_SNAPSHOT } from '@cometchat-connection/core'
export { CometChatEngineContext } from './context.js'
export { useConnectionListener, useMessageListener, useUserListener } from './listeners.js'
export { CometChatProvider, type CometChatProviderProps } from './provider.js'
export { type CometChatConnection, useCometChatConnection } from './use-connection.js'
export { useCometChatEngine } from './use-engine.js'
