import type {
  ConnectionListener,
  MessageListener,
  TextMessage,
  UserListener,
} from '@cometchat-connection/core'
import { useEffect, useInsertionEffect, useRef } from 'react'
import { useCometChatEngine } from './use-engine.js'

type Handler = (...args: never[]) => void
type AnyListener = MessageListener & UserListener & ConnectionListener

let nextId = 0

/**
 * Registers one forwarding listener per engine; each call goes to the handler of the latest render.
 * A new handler object every render therefore never re-registers (and never touches the connection).
 */
function useForwardingListener<L extends object>(
  kind: 'Message' | 'User' | 'Connection',
  current: L,
  keys: readonly (keyof L & string)[],
): void {
  const engine = useCometChatEngine()
  const latest = useRef(current)
  useInsertionEffect(() => {
    latest.current = current
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: kind and keys are constants of each hook
  useEffect(() => {
    const forwarder: Partial<Record<keyof L, Handler>> = {}
    for (const key of keys) {
      forwarder[key] = (...args: never[]) => (latest.current[key] as Handler | undefined)?.(...args)
    }
    const id = `cometchat-react-${++nextId}`
    engine[`add${kind}Listener`](id, forwarder as AnyListener)
    return () => engine[`remove${kind}Listener`](id)
  }, [engine])
}

const messageKeys = ['onTextMessageReceived'] as const
const userKeys = ['onUserOnline', 'onUserOffline'] as const
const connectionKeys = [
  'inConnecting',
  'onConnected',
  'onDisconnected',
  'onFeatureThrottled',
  'onConnectionError',
] as const

/**
 * Calls `listener` for every text message the logged-in user receives, while the component is mounted.
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
  useForwardingListener('Message', asObject, messageKeys)
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
  useForwardingListener('User', handlers, userKeys)
}

/**
 * CometChat's `ConnectionListener` (`inConnecting`, `onConnected`, `onDisconnected`,
 * `onFeatureThrottled`, `onConnectionError`) for the life of the component. For rendering the status,
 * prefer {@link useCometChatConnection}; this hook is for side effects such as toasts or logging.
 * Only the latest listener is called; changing it never re-registers or reconnects.
 *
 * @example
 * ```tsx
 * useConnectionListener({ onConnectionError: (e) => toast(e.message) })
 * ```
 */
export function useConnectionListener(listener: ConnectionListener): void {
  useForwardingListener('Connection', listener, connectionKeys)
}
