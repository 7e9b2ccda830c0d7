import type { Timers } from './timers.js'

/**
 * What an app does after `onContinuityLost`: fetch what it missed, from the last message it has, until
 * done; retried a second later when a page fails; a newer reset replaces a catch-up not yet done.
 */
export class CatchUp {
  /** The next catch-up: after this message id (null: from the oldest kept); undefined: none. */
  private after: string | null | undefined = undefined
  private running = false

  /**
   * @param fetchAll - pages through the history after a message id; rejects when a page fails
   * @param timers - for the retries
   */
  constructor(
    private readonly fetchAll: (after: string | null) => Promise<void>,
    private readonly timers: Timers,
  ) {}

  /** Continuity was lost after `lastDeliveredMessageId`: catch up from there. */
  lost(lastDeliveredMessageId: string | null): void {
    this.after = lastDeliveredMessageId
    this.run()
  }

  /** A catch-up is waiting or running. */
  pending(): boolean {
    return this.after !== undefined || this.running
  }

  private run(): void {
    if (this.running || this.after === undefined) return
    this.running = true
    const from = this.after
    this.after = undefined
    this.fetchAll(from).then(
      () => {
        this.running = false
        this.run() // a newer reset came meanwhile
      },
      () => {
        this.running = false
        this.after ??= from
        this.timers.later(1000, () => this.run())
      },
    )
  }
}
