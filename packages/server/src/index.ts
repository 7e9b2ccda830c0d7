/**
 * `@cometchat-connection/server`: a real WebSocket + HTTP development server for
 * `@cometchat-connection/core`, plus everything of `@cometchat-connection/server/protocol`.
 *
 * @packageDocumentation
 */

export * from './browser.js'
export { MAX_DISCARDED_BODY_BYTES } from './node/http-handler.js'
export type { CloseOptions, RunningServer, StartServerOptions } from './node/start-server.js'
export {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  startServer,
} from './node/start-server.js'
export type { BalancerTarget, TcpBalancer, TcpBalancerOptions } from './node/tcp-balancer.js'
export { startTcpBalancer } from './node/tcp-balancer.js'
export type {
  RedisBackend,
  RedisBackendContext,
  RedisBackendOptions,
} from './redis/redis-backend.js'
export { createRedisBackend, REDIS_DEFAULTS } from './redis/redis-backend.js'
export type { RedisInboxBounds } from './redis/redis-inbox-store.js'
