/**
 * `@cometchat-connection/server`: a real WebSocket + HTTP development server for
 * `@cometchat-connection/core`, plus everything of `@cometchat-connection/server/protocol`.
 *
 * @packageDocumentation
 */

export type { RunningServer, StartServerOptions } from './node/start-server.js'
export { DEFAULT_MAX_BUFFERED_BYTES, startServer } from './node/start-server.js'
export { CLOSE_SEND_BUFFER_FULL } from './node/upgrade-handler.js'
export * from './protocol/index.js'
