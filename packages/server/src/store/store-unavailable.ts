/**
 * A store call failed because the store cannot be reached or did not answer within its deadline (Redis
 * down, a network partition, a hung server). The server answers such failures with "try again" (close
 * 4013 with a retry hint, HTTP 503), never with "your token is invalid": nothing is wrong with the client.
 */
export class StoreUnavailableError extends Error {
  /** @param message - what failed, for logs */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StoreUnavailableError'
  }
}

/** Whether `error` is a {@link StoreUnavailableError} (by name too, so a copy from another bundle counts). */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return (
    error instanceof StoreUnavailableError ||
    (error as { name?: unknown } | null)?.name === 'StoreUnavailableError'
  )
}
