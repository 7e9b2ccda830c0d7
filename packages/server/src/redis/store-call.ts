import { StoreUnavailableError } from '../store/store-unavailable.js'

/** Redis replies that mean "not now" rather than "wrong": loading, busy with a script, read-only replica, out of memory. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|READONLY|OOM)\b/

/**
 * `call` with Redis failures translated: a connection that is down or slow (closed, not writable, timed
 * out) or a transient reply becomes a {@link StoreUnavailableError}, which the server answers with "try
 * again" (4013, 503). Any other reply error (a bug) stays what it is.
 */
export async function storeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    const e = error as { name?: string; message?: string } | null
    if (e?.name === 'ReplyError' && !TRANSIENT_REPLY.test(e.message ?? '')) throw error
    throw new StoreUnavailableError(`Redis: ${what} failed: ${e?.message ?? String(error)}`, { cause: error })
  }
}
