import { CometChatException } from '@cometchat-connection/core'

/** An error as the playground shows it. */
export interface ErrorInfo {
  /** The `CometChatException` code, or `UNEXPECTED` for anything else. */
  readonly code: string
  readonly message: string
  /** What reported it: an action such as `connect()`, or `onConnectionError`. */
  readonly source: string
  /** When, epoch ms. */
  readonly at: number
  /**
   * When the connection came back after it (epoch ms): from then on the error is history, shown as past
   * rather than beside a green `connected` as if it still held. Unset while it is the current problem.
   */
  readonly recoveredAt?: number
}

/** The error marked as past once the engine connected again; unchanged if already past. */
export function recovered(error: ErrorInfo, at: number): ErrorInfo {
  return error.recoveredAt === undefined ? { ...error, recoveredAt: at } : error
}

/** Turns anything thrown or rejected into an {@link ErrorInfo}. */
export function toErrorInfo(error: unknown, source: string, at: number): ErrorInfo {
  if (error instanceof CometChatException) return { code: error.code, message: error.message, source, at }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'UNEXPECTED', message, source, at }
}
