/**
 * `@cometchat-connection/angular`: the connection engine as an Angular provider and a signals-based
 * service.
 *
 * @packageDocumentation
 */
export { CometChatConnectionService } from './connection.service'
export { COMETCHAT_CONNECTION_ENGINE, type ConnectionEngineFactory } from './engine-token'
export { provideCometChatConnection } from './provide'
