import type { Callbacks } from './types.js'

/** Reports an exception thrown by app code (a listener or callback) without breaking the engine. */
export function reportAppError(error: unknown): void {
  const g = globalThis as { reportError?: (e: unknown) => void; console?: { error(...a: unknown[]): void } }
  if (g.reportError) g.reportError(error)
  else g.console?.error('[cometchat-connection] a listener or callback threw:', error)
}

/** Runs app code (a listener or callback); what it throws is reported and goes no further. */
export function callSafely(run: () => void): void {
  try {
    run()
  } catch (e) {
    reportAppError(e)
  }
}

/**
 * I5: the callbacks object and the promise report the same outcome. When callbacks are given, the
 * promise is marked handled (callback-style code that ignores it must not crash Node), but it still
 * rejects for whoever awaits it.
 */
export function withCallbacks<T>(promise: Promise<T>, callbacks: Callbacks<T> | undefined): Promise<T> {
  if (callbacks?.onSuccess || callbacks?.onError) {
    promise.then(
      (v) => callSafely(() => callbacks.onSuccess?.(v)),
      (e) => callSafely(() => callbacks.onError?.(e)),
    )
  }
  return promise
}
