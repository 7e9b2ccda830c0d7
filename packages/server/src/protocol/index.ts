/**
 * `@cometchat-connection/server/protocol`: the server's protocol logic and the in-memory transport.
 * Browser-safe: nothing here imports `ws` or a `node:` module, so a web page (the playground) can run
 * the same server logic as the Node server.
 *
 * @packageDocumentation
 */

export type { InMemoryTransport, InMemoryTransportOptions } from '../in-memory/index.js'
export { createInMemoryTransport } from '../in-memory/index.js'
export type { DecodeError, DecodeErrorReason } from './decode-client-frame.js'
export { decodeClientFrame, isDecodeError, MAX_ID_LENGTH, MAX_TOKEN_LENGTH } from './decode-client-frame.js'
export { MAX_UID_LENGTH } from './http-api.js'
export type {
  ErrorResponseBody,
  HealthResponseBody,
  HttpRequest,
  HttpResponse,
  HttpResponseBody,
  LoginResponseBody,
  LogoutResponseBody,
} from './http-types.js'
export type { RateLimit, ServerLimits, ServerLimitsInput } from './limits.js'
export { DEFAULT_LIMITS, resolveLimits } from './limits.js'
export type { RealtimeServerCoreOptions, ThrottleNoticeOptions } from './realtime-server-core.js'
export { RealtimeServerCore } from './realtime-server-core.js'
export type { ConnectionHandlers, ServerConnection } from './server-connection.js'
export { systemClock } from './system-clock.js'
export { TokenBucket } from './token-bucket.js'
export type { MemoryTokenStoreOptions, TokenRecord, TokenStore } from './token-store.js'
export { createMemoryTokenStore } from './token-store.js'
