/**
 * `@cometchat-connection/server`: a real WebSocket + HTTP development server for
 * `@cometchat-connection/core`, plus everything of `@cometchat-connection/server/protocol`.
 *
 * @packageDocumentation
 */

export type { RunningServer, StartServerOptions } from './node/start-server.js'
export { startServer } from './node/start-server.js'
export * from './protocol/index.js'
