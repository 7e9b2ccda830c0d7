/**
 * Every error code the engine reports, as constants. The seed's codes keep the seed's spelling
 * (including `ALLREADY`); the others are this project's.
 */
export const ErrorCodes = {
  /** `connect()` while already connected. Nothing to do: the connection exists. */
  ALREADY_CONNECTED: 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE',
  /** `ping()` in auto mode. Enable manual mode with `autoEstablishSocketConnection(false)`. */
  PING_NOT_AVAILABLE: 'ERROR_PING_NOT_AVAILABLE',
  /** connect/ping without a logged-in user. Call `login()` first. */
  NOT_LOGGED_IN: 'ERR_NOT_LOGGED_IN',
  /** The socket failed, timed out or closed unexpectedly. */
  WEBSOCKET_ERROR: 'ERR_WEBSOCKET_ERROR',
  /** The network source says offline. Wait for the network or retry. */
  NO_INTERNET: 'ERR_NO_INTERNET',
  /** `ping()` (manual mode) while the socket is not connected. Call `connect()` first. */
  NOT_CONNECTED: 'ERR_NOT_CONNECTED',
  /** A `ping()` got no pong within the ping timeout. */
  PING_TIMEOUT: 'ERR_PING_TIMEOUT',
  /** The server rejected the auth token (unknown, expired or revoked); the session was cleared. Log in again. */
  AUTH_TOKEN_INVALID: 'ERR_AUTH_TOKEN_INVALID',
  /** Login failed: wrong auth key, unknown app or bad credentials. */
  AUTH_FAILED: 'ERR_AUTH_FAILED',
  /** A call got an argument it cannot use (empty appId, negative timeout, …). */
  INVALID_ARGUMENT: 'ERR_INVALID_ARGUMENT',
  /** A method was called on an engine after `destroy()`. Create a new engine. */
  ENGINE_DESTROYED: 'ERR_ENGINE_DESTROYED',
  /** The facade was used before `CometChat.init()`. */
  NOT_INITIALIZED: 'ERR_NOT_INITIALIZED',
  /** The server sent a frame the engine could not decode. */
  MALFORMED_FRAME: 'ERR_MALFORMED_FRAME',
  /** `connect()` in auto mode while the app is in the background: it will connect on foreground. */
  APP_IN_BACKGROUND: 'ERR_APP_IN_BACKGROUND',
  /** The operation was overtaken: a `disconnect()`, `logout()` or `destroy()` cancelled it. */
  CANCELLED: 'ERR_CANCELLED',
  /** The HTTP request to the server failed (server down, CORS, DNS). */
  NETWORK_REQUEST_FAILED: 'ERR_NETWORK_REQUEST_FAILED',
  /** The storage port threw while saving or reading the session. */
  STORAGE_ERROR: 'ERR_STORAGE_ERROR',
  /** The server refused a request with an error frame (e.g. unknown receiver). */
  SERVER_ERROR: 'ERR_SERVER_ERROR',
  /** An action was called during server-side rendering, where no connection exists. Call it in the browser. */
  SERVER_PLATFORM: 'ERR_SERVER_PLATFORM',
  /** A `sendMessage()` got no connection or no acknowledgement before its deadline (`setSendTimeout`). */
  SEND_TIMEOUT: 'ERR_SEND_TIMEOUT',
  /**
   * Shared tabs (`@cometchat-connection/core/tabs`): no tab answered as the leader in time (the leader
   * closed and none took over, or this tab cannot reach the others). The call may be made again.
   */
  NO_LEADER_TAB: 'ERR_NO_LEADER_TAB',
} as const

/** One of the values of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/**
 * A code a {@link CometChatException} can carry: one of {@link ErrorCodes}, or a code the server sent
 * (an HTTP error's `code`). Typed so that a misspelt known code does not compile, while server codes still fit.
 */
export type CometChatErrorCode = ErrorCode | (string & {})

// Each message says what to do, in few words: they ship in every bundle. The code says what happened.
// Only the codes the engine raises with their standard message: the facade's ERR_NOT_INITIALIZED and
// the adapters' ERR_SERVER_PLATFORM carry theirs in app-errors.ts, and the engine's ERR_SERVER_ERROR
// always carries the server's, so `createConnectionEngine`'s bundle holds none of them.
const defaultMessages = {
  ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE: 'Already connected.',
  ERROR_PING_NOT_AVAILABLE: 'ping() needs autoEstablishSocketConnection(false).',
  ERR_NOT_LOGGED_IN: 'Call login() first.',
  ERR_WEBSOCKET_ERROR: 'Socket failed: check network and server URL.',
  ERR_NO_INTERNET: 'Offline: retry when online.',
  ERR_NOT_CONNECTED: 'Call connect() first.',
  ERR_PING_TIMEOUT: 'No pong, socket dropped: call connect().',
  ERR_AUTH_TOKEN_INVALID: 'Token rejected: log in again.',
  ERR_AUTH_FAILED: 'Login failed: check appId, uid, auth key or token.',
  ERR_ENGINE_DESTROYED: 'Engine destroyed: create a new one.',
  ERR_MALFORMED_FRAME: 'Bad server frame: check the server version.',
  ERR_APP_IN_BACKGROUND: 'In background: auto mode connects on foreground.',
  ERR_CANCELLED: 'Cancelled by disconnect(), logout(), login() or background timeout.',
  ERR_NETWORK_REQUEST_FAILED: 'Request failed: check the server runs at its URL.',
  ERR_STORAGE_ERROR: 'Storage failed: check platform.storage.',
  ERR_SEND_TIMEOUT: 'Not sent in time: check the connection, send again.',
} as const satisfies Partial<Record<ErrorCode, string>>

/** A code with a standard message (the table above): the codes the engine raises as they are. */
export type StandardErrorCode = keyof typeof defaultMessages

/**
 * The one error type of the library. `code` is one of {@link ErrorCodes}; `message` says what to do.
 *
 * @example
 * ```ts
 * try { await engine.connect() } catch (e) {
 *   if (e instanceof CometChatException && e.code === ErrorCodes.NO_INTERNET) showOfflineBanner()
 * }
 * ```
 */
export class CometChatException extends Error {
  /** Machine-readable code, one of {@link ErrorCodes} (or a server's own). */
  readonly code: CometChatErrorCode
  /** Extra information (the close code, the server's error, the bad value …). */
  readonly details?: unknown

  /**
   * @param code - one of {@link ErrorCodes}
   * @param message - what happened and what to do; defaults to the code's standard message
   * @param details - anything that helps debugging
   */
  constructor(code: CometChatErrorCode, message?: string, details?: unknown) {
    super(message ?? (defaultMessages as Record<string, string>)[code] ?? code) // `ERR_INVALID_ARGUMENT` always brings its own
    this.name = 'CometChatException'
    this.code = code
    this.details = details
  }

  /** CometChat SDK compatibility: the code. */
  getCode(): CometChatErrorCode {
    return this.code
  }

  /** CometChat SDK compatibility: the message. */
  getMessage(): string {
    return this.message
  }
}

/** Builds a {@link CometChatException} with the standard message of `code`, optionally extended. */
export function errorOf(code: StandardErrorCode, extra?: string, details?: unknown): CometChatException {
  return new CometChatException(code, extra ? `${defaultMessages[code]} ${extra}` : undefined, details)
}

/** Throws `ERR_INVALID_ARGUMENT` with a message naming the argument and what is expected. */
export function invalidArgument(what: string, expected: string, got: unknown): CometChatException {
  const shown = typeof got === 'string' ? `"${got}"` : typeof got === 'object' ? typeof got : String(got)
  return new CometChatException(
    'ERR_INVALID_ARGUMENT',
    `Invalid ${what}: expected ${expected}, got ${shown}.`,
    {
      argument: what,
      value: got,
    },
  )
}

/**
 * Whether `error` is a {@link CometChatException}, optionally with this `code`: narrows `unknown` in a
 * `catch`, and a misspelt code does not compile.
 *
 * @example
 * ```ts
 * try { await engine.login('carol', 'wrong-key') } catch (e) {
 *   if (isCometChatException(e, ErrorCodes.AUTH_FAILED)) showLoginError(e.message)
 * }
 * ```
 */
export function isCometChatException(error: unknown, code?: ErrorCode): error is CometChatException {
  return error instanceof CometChatException && (code === undefined || error.code === code)
}
