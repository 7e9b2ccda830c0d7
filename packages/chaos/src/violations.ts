/** The kinds of violation a chaos run reports, each a promise of the engine or the server. */
export type ViolationKind =
  | 'two sockets (client)'
  | 'two sockets (proxy)'
  | 'promise over its bound'
  | 'promise never settled'
  | 'wrong outcome'
  | 'callbacks vs promise'
  | 'half-open socket kept'
  | 'snapshot vs listeners'
  | 'status repeated'
  | 'not connected after faults'
  | 'socket while it should be closed'
  | 'subscription left'
  | 'message duplicated'
  | 'message out of order'
  | 'message missing'
  | 'message dropped by the engine'
  | 'message malformed'
  | 'uncaught error (runner)'
  | 'server exited unexpectedly'
  | 'server stderr'

/** One violation: what, when (ms since the run started), and the facts to reproduce it. */
export interface Violation {
  readonly kind: ViolationKind
  readonly at: number
  readonly message: string
}

/** Collects violations as the run finds them; keeps the first few of each kind in full. */
export class Violations {
  private readonly counts = new Map<ViolationKind, number>()
  private readonly kept: Violation[] = []

  /**
   * @param since - the run's start, epoch ms
   * @param keepPerKind - how many of each kind are kept with their message
   * @param onFirst - called for the first violation of each kind (the run prints it at once)
   */
  constructor(
    private readonly since: number,
    private readonly keepPerKind = 10,
    private readonly onFirst?: (violation: Violation) => void,
  ) {}

  /** Records one. */
  add(kind: ViolationKind, message: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, count)
    if (count > this.keepPerKind) return
    const violation = { kind, at: Date.now() - this.since, message }
    this.kept.push(violation)
    if (count === 1) this.onFirst?.(violation)
  }

  /** How many of every kind. */
  total(): number {
    let sum = 0
    for (const n of this.counts.values()) sum += n
    return sum
  }

  /** Counts by kind, most frequent first. */
  byKind(): Array<[ViolationKind, number]> {
    return [...this.counts].sort((a, b) => b[1] - a[1])
  }

  /** The kept violations, in the order they happened. */
  examples(): readonly Violation[] {
    return this.kept
  }
}
