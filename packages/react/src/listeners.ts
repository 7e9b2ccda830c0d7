import {
  type ConnectionListener,
  forwardListener,
  type ListenerKinds,
  type MessageListener,
  type TextMessage,
  type UserListener,
} from '@cometchat-connection/core'
import { useEffect, useInsertionEffect, useRef } from 'react'
import { useProvidedEngine } from './use-engine.js'

/**
 * Registers one forwarding listener per engine (core's `forwardListener`) that always calls the latest
 * `current`, so a new handler on every render never re-registers or reconnects.
 */
function useForwardingListener<K extends keyof ListenerKinds>(kind: K, current: ListenerKinds[K]): void {
  const engine = useProvidedEngine()
  const latest = useRef(current)
  useInsertionEffect(() => {
    latest.current = current
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: kind is a constant of each hook
  useEffect(() => (engine ? forwardListener(engine, kind, () => latest.current) : undefined), [engine])
}

/**
 * Calls `listener` for every text message the logged-in user receives, while the component is mounted:
 * exactly once and in order, live or replayed after a reconnect (then `message.replayed` is true).
 * Pass a function, or a CometChat `MessageListener` object. Only the latest one is called; changing it
 * does not re-register.
 *
 * @example
 * ```tsx
 * useMessageListener((message) => setMessages((list) => [...list, message]))
 * ```
 */
export function useMessageListener(listener: MessageListener | ((message: TextMessage) => void)): void {
  const asObject: MessageListener =
    typeof listener === 'function' ? { onTextMessageReceived: listener } : listener
  useForwardingListener('Message', asObject)
}

/**
 * Calls `handlers.onUserOnline` / `handlers.onUserOffline` on presence changes while mounted.
 * Only the latest handlers are called; changing them does not re-register.
 *
 * @example
 * ```tsx
 * useUserListener({ onUserOnline: (u) => markOnline(u.uid), onUserOffline: (u) => markOffline(u.uid) })
 * ```
 */
export function useUserListener(handlers: UserListener): void {
  useForwardingListener('User', handlers)
}

/**
 * CometChat's `ConnectionListener` (`inConnecting`, `onConnected`, `onDisconnected`,
 * `onFeatureThrottled`, `onConnectionError`, and this library's `onResumed` / `onContinuityLost`) for
 * the life of the component. For rendering the status or the last recovery, prefer
 * {@link useCometChatConnection} (`(s) => s.recovery`); this hook is for side effects such as toasts,
 * logging or fetching what a lost continuity missed. Only the latest listener is called; changing it
 * never re-registers or reconnects.
 *
 * @example
 * ```tsx
 * useConnectionListener({
 *   onConnectionError: (e) => toast(e.message),
 *   onContinuityLost: ({ lastDeliveredMessageId }) => catchUp(lastDeliveredMessageId),
 * })
 * ```
 */
export function useConnectionListener(listener: ConnectionListener): void {
  useForwardingListener('Connection', listener)
}
