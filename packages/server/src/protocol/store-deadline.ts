import type { Clock } from '@cometchat-connection/core'
import { StoreUnavailableError } from '../store/store-unavailable.js'

/** How long a client is told to wait when the store is unavailable (`retry after N ms` in a 4013 close). */
export const STORE_RETRY_AFTER_MS = 2_000

/** The reason of a 4013 close for an unavailable store: the engine reads the first number as its retry window. */
export const STORE_UNAVAILABLE_REASON = `store unavailable; retry after ${STORE_RETRY_AFTER_MS} ms`

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/**
 * `value` with a deadline: a promise that has not settled `ms` after this call rejects with a
 * {@link StoreUnavailableError} naming `what`. A plain value (a store that answers at once) passes as is.
 * Every store call of the server goes through this, so a hung store costs a client a retry, never a
 * socket stuck authenticating or a send that never settles.
 */
export function withDeadline<T>(
  value: T | PromiseLike<T>,
  clock: Clock,
  ms: number,
  what: string,
): T | Promise<T> {
  if (!isThenable(value)) return value
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(
      () => reject(new StoreUnavailableError(`${what} took longer than ${ms} ms`)),
      ms,
    )
    value.then(
      (result) => {
        clock.clearTimeout(timer)
        resolve(result)
      },
      (error: unknown) => {
        clock.clearTimeout(timer)
        reject(error)
      },
    )
  })
}
