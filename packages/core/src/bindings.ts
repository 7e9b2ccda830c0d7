import { serverPlatformError } from './app-errors.js'
import { isCometChatException } from './errors.js'
import type { ConnectionEngine, ConnectionListener, MessageListener, UserListener } from './types.js'

// Helpers for framework bindings (the React, Vue and Angular adapters use them), kept here so each
// adapter stays a thin layer. Not part of `createConnectionEngine`'s bundle unless imported.

/** The engine's actions a binding exposes. */
export type ConnectionActions = Pick<
  ConnectionEngine,
  'login' | 'logout' | 'connect' | 'disconnect' | 'ping' | 'sendMessage'
>

/** The names of {@link ConnectionActions}. */
export const CONNECTION_ACTIONS = [
  'login',
  'logout',
  'connect',
  'disconnect',
  'ping',
  'sendMessage',
] as const satisfies readonly (keyof ConnectionActions)[]

/** Reports an error no caller handles: `reportError` where there is one (browsers), else `console.error`. */
function report(error: unknown): void {
  const g = globalThis as { reportError?: (e: unknown) => void }
  if (g.reportError) g.reportError(error)
  else console.error(error)
}

/** Failures that were in a snapshot's `lastError` while their action ran (see {@link settleInState}). */
const shownErrors = new WeakSet<object>()

/**
 * Whether a UI already shows `error` without being told: it is (or was, while its action ran) the
 * snapshot's `lastError`, or it is a cancellation (an action overtaken by `disconnect()`, `logout()` or a
 * new login, which is no failure).
 */
export function isShownInState(engine: ConnectionEngine, error: unknown): boolean {
  return (
    (typeof error === 'object' && error !== null && shownErrors.has(error)) ||
    engine.getSnapshot().lastError === error ||
    isCometChatException(error, 'ERR_CANCELLED')
  )
}

/**
 * Lets a UI call an action without a `catch`: a failure the snapshot showed while the action ran (its
 * `lastError`; a later change may already have replaced it) or a cancellation needs none, so the promise
 * is marked handled; any other failure (a bad argument, a destroyed engine) is passed to `onUnshown`
 * (default `reportError`), so nothing fails silently. Whoever awaits the promise still sees the
 * rejection. Returns `promise`.
 *
 * @example
 * ```ts
 * const login = (uid: string, key: string) => settleInState(engine, engine.login(uid, key))
 * ```
 */
export function settleInState<T>(
  engine: ConnectionEngine,
  promise: Promise<T>,
  onUnshown: (error: unknown) => void = report,
): Promise<T> {
  const seen = new Set<unknown>()
  const note = () => seen.add(engine.getSnapshot().lastError)
  note()
  const stop = engine.subscribe(note)
  promise.then(stop, (error: unknown) => {
    stop()
    if (seen.has(error) && typeof error === 'object' && error) shownErrors.add(error)
    if (!isShownInState(engine, error)) onUnshown(error)
  })
  return promise
}

/**
 * The actions of `engine` as free functions (destructuring them keeps `this`). Each one's failure is in
 * the snapshot's `lastError`, so calling one from an event handler needs no `catch` (see
 * {@link settleInState}); awaiting it still sees the rejection.
 */
export function bindActions(engine: ConnectionEngine): ConnectionActions {
  const bound: Record<string, unknown> = {}
  for (const name of CONNECTION_ACTIONS) {
    bound[name] = (...args: never[]) =>
      settleInState(engine, (engine[name] as (...a: never[]) => Promise<unknown>)(...args))
  }
  return bound as unknown as ConnectionActions
}

/**
 * The actions while rendering on the server with no engine (one created only in the browser): each
 * rejects with {@link serverPlatformError}, since sockets belong in the browser.
 */
export function serverActions(): ConnectionActions {
  const actions: Record<string, () => Promise<never>> = {}
  for (const name of CONNECTION_ACTIONS) actions[name] = () => Promise.reject(serverPlatformError())
  return actions as unknown as ConnectionActions
}

/**
 * Starts an engine for a binding that owns its start: `engine.init()` (idempotent: restores a saved
 * session, and auto mode connects). Nobody awaits it, so a failure (the saved session could not be
 * read) goes to `onError` (default `reportError`).
 */
export function startEngine(engine: ConnectionEngine, onError: (error: unknown) => void = report): void {
  engine.init().catch(onError)
}

/** The listener kinds of an engine, by the name in its `add…Listener` methods. */
export interface ListenerKinds {
  Connection: ConnectionListener
  Message: MessageListener
  User: UserListener
}

const METHODS = {
  Connection: [
    'inConnecting',
    'onConnected',
    'onDisconnected',
    'onFeatureThrottled',
    'onConnectionError',
    'onResumed',
    'onContinuityLost',
  ],
  Message: ['onTextMessageReceived'],
  User: ['onUserOnline', 'onUserOffline'],
} as const satisfies { [K in keyof ListenerKinds]: readonly (keyof ListenerKinds[K])[] }

let nextId = 0

/**
 * Registers one listener of `kind` under a fresh id that forwards every call to whatever `current()`
 * returns at that moment, so a binding can swap handlers without re-registering (and never reconnects
 * when a handler changes). Returns the function that removes it.
 *
 * @example
 * ```ts
 * const stop = forwardListener(engine, 'Message', () => latestHandlers)
 * ```
 */
export function forwardListener<K extends keyof ListenerKinds>(
  engine: ConnectionEngine,
  kind: K,
  current: () => ListenerKinds[K] | undefined,
): () => void {
  type Handler = (...args: never[]) => void
  const forwarder: Record<string, Handler> = {}
  for (const method of METHODS[kind]) {
    forwarder[method] = (...args) =>
      (current()?.[method as keyof ListenerKinds[K]] as Handler | undefined)?.(...args)
  }
  const id = `forwarded-${kind}-${++nextId}`
  const any = forwarder as ConnectionListener & MessageListener & UserListener
  engine[`add${kind}Listener`](id, any)
  return () => engine[`remove${kind}Listener`](id)
}
