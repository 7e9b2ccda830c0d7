import {
  type ConnectionEngine,
  type ConnectionListener,
  forwardListener,
  type ListenerKinds,
  type MessageListener,
  type TextMessage,
  type UserListener,
} from '@cometchat-connection/core'
import { type MaybeRef, type MaybeRefOrGetter, toValue, unref } from 'vue'
import { isServerRendering, rawEngine, stopWithScope, useCometChatEngine } from './use-engine.js'

/**
 * Registers one forwarding listener of `kind` (core's `forwardListener`); each call reads the listener
 * (ref, getter or object) at call time, so replacing it never re-registers. Removed when the scope is
 * disposed, or by the returned function. Nothing is registered under server rendering.
 */
function forward<K extends keyof ListenerKinds>(
  kind: K,
  source: () => ListenerKinds[K],
  engine: ConnectionEngine | undefined,
): () => void {
  if (isServerRendering()) return () => {} // no engine needed there (see useCometChatConnection)
  return stopWithScope(forwardListener(rawEngine(engine) ?? useCometChatEngine(), kind, source))
}

/**
 * Calls `listener` for every text message the logged-in user receives, until the scope is disposed:
 * exactly once and in order, live or replayed after a reconnect (then `message.replayed` is true).
 * Accepts a function or a `MessageListener`, plain or in a ref; the value at call time is used.
 * (A getter is not accepted here: a plain function is the handler itself.)
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @returns a function that removes the listener early.
 * @example
 * ```ts
 * const messages = ref<TextMessage[]>([])
 * useMessageListener((m) => messages.value.push(m))
 * ```
 */
export function useMessageListener(
  listener: MaybeRef<MessageListener | ((message: TextMessage) => void)>,
  engine?: ConnectionEngine,
): () => void {
  const source = (): MessageListener => {
    const l = unref(listener)
    return typeof l === 'function' ? { onTextMessageReceived: l } : l
  }
  return forward('Message', source, engine)
}

/**
 * Calls `onUserOnline` / `onUserOffline` on presence changes until the scope is disposed.
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @returns a function that removes the listener early.
 * @example
 * ```ts
 * useUserListener({ onUserOnline: (u) => online.add(u.uid), onUserOffline: (u) => online.delete(u.uid) })
 * ```
 */
export function useUserListener(
  handlers: MaybeRefOrGetter<UserListener>,
  engine?: ConnectionEngine,
): () => void {
  return forward('User', () => toValue(handlers), engine)
}

/**
 * CometChat's `ConnectionListener` (with this library's `onResumed` and `onContinuityLost`) until the
 * scope is disposed. For rendering the status or the last recovery prefer {@link useCometChatConnection}
 * (its `status` and `recovery` refs); this is for side effects (toasts, logging, fetching what a lost
 * continuity missed). Replacing the listener never re-registers or reconnects.
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @returns a function that removes the listener early.
 * @example
 * ```ts
 * useConnectionListener({ onConnectionError: (e) => toast(e.message) })
 * ```
 */
export function useConnectionListener(
  listener: MaybeRefOrGetter<ConnectionListener>,
  engine?: ConnectionEngine,
): () => void {
  return forward('Connection', () => toValue(listener), engine)
}
