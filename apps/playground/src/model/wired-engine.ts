import {
  type AppSettings,
  type AppStateSource,
  type CometChatException,
  type ConnectionEngine,
  type ConnectionSnapshot,
  type ConnectionStatus,
  type ContinuityLostInfo,
  createConnectionEngine,
  type NetworkSource,
  type PresenceUser,
  type ResumeInfo,
  type SessionStorageLike,
  type TextMessage,
} from '@cometchat-connection/core'
import type { PlaygroundTransport } from './transport.js'

/** What the playground hears from one engine. */
export interface EngineHooks {
  /** A connection listener status callback (`inConnecting`, `onConnected`, `onDisconnected`). */
  onStatus(status: ConnectionStatus): void
  /** `onConnectionError`. */
  onError(error: CometChatException): void
  /** `onFeatureThrottled`. */
  onThrottled(): void
  /** `onResumed`: a (re)connection resumed the message stream; `replayed` missed messages follow. */
  onResumed(info: ResumeInfo): void
  /** `onContinuityLost`: a (re)connection could not resume; nothing missed is replayed. */
  onContinuityLost(info: ContinuityLostInfo): void
  /** `onTextMessageReceived`. */
  onMessage(message: TextMessage): void
  /** `onUserOnline` / `onUserOffline`. */
  onPresence(user: PresenceUser): void
  /** Every snapshot change. */
  onSnapshot(snapshot: ConnectionSnapshot): void
}

/** What an engine of the playground is made of. */
export interface WiredEngineOptions {
  readonly appId: string
  readonly transport: PlaygroundTransport
  readonly settings: AppSettings
  readonly appState: AppStateSource
  readonly network: NetworkSource
  readonly storage: SessionStorageLike
}

const LISTENER_ID = 'playground'

/**
 * Creates an engine on the playground's transport and platform sources, with its connection, message
 * and user listeners and its snapshot subscription forwarding to `hooks`. `destroy()` removes them all.
 */
export function createWiredEngine(options: WiredEngineOptions, hooks: EngineHooks): ConnectionEngine {
  const { transport } = options
  const engine = createConnectionEngine({
    appId: options.appId,
    settings: options.settings,
    platform: {
      appState: options.appState,
      network: options.network,
      storage: options.storage,
      ...(transport.WebSocket && { WebSocket: transport.WebSocket }),
      ...(transport.fetch && { fetch: transport.fetch }),
    },
  })
  engine.addConnectionListener(LISTENER_ID, {
    inConnecting: () => hooks.onStatus('connecting'),
    onConnected: () => hooks.onStatus('connected'),
    onDisconnected: () => hooks.onStatus('disconnected'),
    onFeatureThrottled: () => hooks.onThrottled(),
    onConnectionError: (error) => hooks.onError(error),
    onResumed: (info) => hooks.onResumed(info),
    onContinuityLost: (info) => hooks.onContinuityLost(info),
  })
  engine.addMessageListener(LISTENER_ID, { onTextMessageReceived: (m) => hooks.onMessage(m) })
  engine.addUserListener(LISTENER_ID, {
    onUserOnline: (u) => hooks.onPresence(u),
    onUserOffline: (u) => hooks.onPresence(u),
  })
  engine.subscribe(() => hooks.onSnapshot(engine.getSnapshot()))
  return engine
}
