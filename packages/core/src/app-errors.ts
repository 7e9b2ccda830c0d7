import { CometChatException } from './errors.js'

// The errors raised outside the engine (the facade, the adapters, a fake engine's scripted failures),
// with the message their raisers give. They are not in errors.ts's table of standard messages, which
// `createConnectionEngine`'s bundle carries whole: the engine raises none of them.

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

/** A request the server refused without a reason of its own (the engine always passes the server's). */
export function serverRefused(): CometChatException {
  return new CometChatException('ERR_SERVER_ERROR', 'The server refused the request.')
}
