import { InjectionToken } from '@angular/core'
import type { ConnectionEngine } from '@cometchat-connection/core'

/**
 * The connection engine of the surrounding environment injector, provided by
 * {@link provideCometChatConnection}. Inject {@link CometChatConnectionService} instead unless you
 * need the raw engine (for `sendMessage`, listeners by id, …).
 */
export const COMETCHAT_CONNECTION_ENGINE = new InjectionToken<ConnectionEngine>('CometChatEngine')

/** Creates the engine; called at most once per environment injector, outside the Angular zone. */
export type ConnectionEngineFactory = () => ConnectionEngine
