/**
 * `@cometchat-connection/core`: the connection engine.
 *
 * @packageDocumentation
 */
export { AppSettingsBuilder, DEFAULT_SETTINGS } from './settings.js'
export type { AppSettings, BackoffSettings } from './settings.js'
export { CometChatException, ErrorCodes } from './errors.js'
export type { ErrorCode } from './errors.js'
export * from './protocol.js'
export type * from './types.js'
