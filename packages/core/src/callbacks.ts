import type { CometChatException } from './errors.js'
import type { Callbacks } from './types.js'

/** Reports an exception thrown by app code (a listener or callback) without breaking the engine. */
export function reportAppError(error: unknown): void {
  const g = globalThis as { reportError?: (e: unknown) => void; console?: { error(...a: unknown[]): void } }
  if (typeof g.reportError === 'function') g.reportError(error)
  else g.console?.error('[cometchat-connection] a listener or callback threw:', error)
}

/**
 * I5: the callbacks object and the promise report the same outcome. When callbacks are given, the
 * promise is marked handled (callback-style code that ignores it must not crash Node), but it still
 * rejects for whoever awaits it.
 */
export function withCallbacks<T>(promise: Promise<T>, callbacks: Callbacks<T> | undefined): Promise<T> {
  if (callbacks && (callbacks.onSuccess || callbacks.onError)) {
    promise.then(
      (v) => {
        try {
          callbacks.onSuccess?.(v)
        } catch (e) {
          reportAppError(e)
        }
      },
      (e: CometChatException) => {
        try {
          callbacks.onError?.(e)
        } catch (err) {
          reportAppError(err)
        }
      },
    )
  }
  return promise
}
