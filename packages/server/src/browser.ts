/**
 * `@cometchat-connection/server/protocol`: the server's protocol logic, its in-memory store and the
 * in-memory transport. Browser-safe: nothing here imports `ws` or a `node:` module, so a web page (the
 * playground) can run the same server logic as the Node server.
 *
 * This entry file sits above both folders it exports (`protocol/`, `in-memory/`), so neither folder
 * imports the other's entry: the in-memory transport uses the protocol, never the other way round.
 *
 * @packageDocumentation
 */

export type { InMemoryTransport, InMemoryTransportOptions } from './in-memory/in-memory-transport.js'
export { createInMemoryTransport } from './in-memory/in-memory-transport.js'
export { ADMISSION_JITTER_MS } from './protocol/admission-gate.js'
export type { DecodeError, DecodeErrorReason } from './protocol/decode-client-frame.js'
export {
  decodeClientFrame,
  isDecodeError,
  MALFORMED_RESUME,
  MAX_ID_LENGTH,
  MAX_TOKEN_LENGTH,
} from './protocol/decode-client-frame.js'
export { DEFAULT_HISTORY_LIMIT } from './protocol/history-query.js'
export { MAX_UID_LENGTH } from './protocol/http-api.js'
export type {
  ErrorResponseBody,
  HealthResponseBody,
  HttpRequest,
  HttpResponse,
  HttpResponseBody,
  LoginResponseBody,
  LogoutResponseBody,
} from './protocol/http-types.js'
export type { RateLimit, ServerLimits, ServerLimitsInput } from './protocol/limits.js'
export { DEFAULT_LIMITS, resolveLimits } from './protocol/limits.js'
export type {
  RealtimeServerCoreOptions,
  ShutdownOptions,
  ThrottleNoticeOptions,
} from './protocol/realtime-server-core.js'
export { RealtimeServerCore } from './protocol/realtime-server-core.js'
export { CLOSE_SEND_BUFFER_FULL } from './protocol/send-buffer-full.js'
export type { ConnectionHandlers, ServerConnection } from './protocol/server-connection.js'
export { STORE_RETRY_AFTER_MS } from './protocol/store-deadline.js'
export { systemClock } from './protocol/system-clock.js'
export { TokenBucket } from './protocol/token-bucket.js'
export type { MemoryStore, MemoryStoreOptions } from './store/memory-store.js'
export { createMemoryStore } from './store/memory-store.js'
export type { OnlineEntry, PresenceChange, PresenceHub } from './store/presence-hub.js'
export { createMemoryPresenceHub } from './store/presence-hub.js'
export type {
  BackendEvents,
  InboxRouting,
  MemoryBackendOptions,
  ServerBackend,
} from './store/server-backend.js'
export { createMemoryBackend } from './store/server-backend.js'
export type { InboxEvent, ServerStore, StoredMessage, StreamSlice } from './store/store.js'
export { isStoreUnavailable, StoreUnavailableError } from './store/store-unavailable.js'
export type { MemoryTokenStoreOptions, TokenRecord, TokenStore } from './store/token-store.js'
export { createMemoryTokenStore } from './store/token-store.js'
export type { UserDirectory } from './store/user-directory.js'
export { createMemoryUserDirectory } from './store/user-directory.js'
