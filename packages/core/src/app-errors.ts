import { CometChatException, type ErrorCode, errorOf, type StandardErrorCode } from './errors.js'

// The errors raised outside the engine (the facade, the adapters), with the message their raisers give.
// They are not in errors.ts's table of standard messages, which `createConnectionEngine`'s bundle
// carries whole: the engine raises none of them.

/** The `CometChat` facade used before `CometChat.init()`. */
export function notInitialized(): CometChatException {
  return new CometChatException('ERR_NOT_INITIALIZED', 'Call CometChat.init() first.')
}

/**
 * The error of an action taken while rendering on the server, where no engine exists (one is created
 * only in the browser): `ERR_SERVER_PLATFORM`, saying where to call it instead.
 */
export function serverPlatformError(): CometChatException {
  return new CometChatException('ERR_SERVER_PLATFORM', 'Server rendering: call this in the browser.')
}

/** The errors above by code, for a raiser that names only the code (a fake engine's scripted failure). */
const raisedOutside: Partial<Record<ErrorCode, () => CometChatException>> = {
  ERR_NOT_INITIALIZED: notInitialized,
  ERR_SERVER_PLATFORM: serverPlatformError,
  // the engine always passes the server's own reason; a code alone gets this one
  ERR_SERVER_ERROR: () => new CometChatException('ERR_SERVER_ERROR', 'The server refused the request.'),
}

/** The exception for `code` with the message the library gives it, wherever it is raised. */
export function exceptionOf(code: ErrorCode): CometChatException {
  return raisedOutside[code]?.() ?? errorOf(code as StandardErrorCode)
}
