/**
 * `@cometchat-connection/core`: the connection engine.
 *
 * @packageDocumentation
 */

export { serverPlatformError } from './app-errors.js'
export type { ConnectionActions, ListenerKinds } from './bindings.js'
export {
  bindActions,
  CONNECTION_ACTIONS,
  forwardListener,
  isShownInState,
  serverActions,
  settleInState,
  startEngine,
} from './bindings.js'
export { CometChatTextMessage, CometChatUser } from './cometchat-models.js'
export { createConnectionEngine } from './engine.js'
export type { CometChatErrorCode, ErrorCode } from './errors.js'
export { CometChatException, ErrorCodes, isCometChatException } from './errors.js'
export type { FacadeMessageListener, FacadeUserListener } from './facade.js'
export { CometChat, MessagesRequest, MessagesRequestBuilder } from './facade.js'
export type { FetchMessagesOptions } from './history.js'
export { fetchMessages } from './history.js'
export { browserAppState } from './ports/browser-app-state.js'
export { browserNetwork } from './ports/browser-network.js'
export type { Controllable } from './ports/controllable.js'
export { createControllableAppState, createControllableNetwork } from './ports/controllable.js'
export type { NetInfoLike, ReactNativeAppStateLike } from './ports/react-native.js'
export { netInfoNetwork, reactNativeAppState } from './ports/react-native.js'
export { createMemoryStorage } from './ports/storage.js'
export * from './protocol.js'
export type { AppSettings, BackoffSettings } from './settings.js'
export { AppSettingsBuilder, DEFAULT_SETTINGS } from './settings.js'
export { SERVER_SNAPSHOT } from './snapshot.js'
export type * from './types.js'
