import { isCometChatException } from '@cometchat-connection/core'
import { PROMISE_KINDS, type PromiseKind } from './timing.js'
import type { Violations } from './violations.js'

/** Figures of one kind of promise. */
export interface PromiseFigures {
  readonly kind: PromiseKind
  readonly settled: number
  readonly resolved: number
  /** Rejections by error code. */
  readonly rejected: ReadonlyMap<string, number>
  /** Still pending (at the end: never settled). */
  readonly pending: number
  /** The slowest settlement, ms, and who. */
  readonly slowestMs: number
  readonly slowestWho: string
  /** The documented bound, ms (without the margin). */
  readonly boundMs: number
}

interface Pending {
  readonly kind: PromiseKind
  readonly who: string
  readonly startedAt: number
  flagged: boolean
}

interface Tally {
  settled: number
  resolved: number
  rejected: Map<string, number>
  slowestMs: number
  slowestWho: string
}

/** Per kind of promise, rejection codes that cannot be right in the run, each with the reason. */
export type WrongCodes = Partial<Record<PromiseKind, Readonly<Record<string, string>>>>

/** The code of a rejection: a CometChatException's, else the error's name. */
export function codeOf(error: unknown): string {
  if (isCometChatException(error)) return error.code
  return error instanceof Error ? error.name : typeof error
}

/**
 * Watches every promise the run gets from an engine: each must settle within its documented bound
 * plus a margin plus the event-loop lag measured while it waited (I4 with deadlines). A promise over
 * its bound is reported when it settles, or by {@link sweep} while it is still pending.
 */
export class PromiseTracker {
  private readonly pending = new Set<Pending>()
  private readonly tallies = new Map<PromiseKind, Tally>()

  /**
   * @param bounds - each kind's documented bound, ms
   * @param marginMs - added to every bound
   * @param lagAllowance - event-loop lag between two times (epoch ms), added too
   */
  constructor(
    private readonly bounds: Readonly<Record<PromiseKind, number>>,
    private readonly marginMs: number,
    private readonly lagAllowance: (from: number, to: number) => number,
    private readonly violations: Violations,
    private readonly now: () => number = Date.now,
    private readonly wrongCodes: WrongCodes = {},
  ) {
    for (const kind of PROMISE_KINDS)
      this.tallies.set(kind, { settled: 0, resolved: 0, rejected: new Map(), slowestMs: 0, slowestWho: '' })
  }

  /**
   * Records `promise` (of `who`, e.g. `u12`) and returns it. The returned promise is the same one, so
   * the caller still handles its outcome; the tracker never leaves a rejection unhandled.
   */
  track<T>(kind: PromiseKind, who: string, promise: Promise<T>): Promise<T> {
    const entry: Pending = { kind, who, startedAt: this.now(), flagged: false }
    this.pending.add(entry)
    const settle = (error: unknown | null) => {
      this.pending.delete(entry)
      const took = this.now() - entry.startedAt
      const tally = this.tallies.get(kind)!
      tally.settled++
      if (error === null) tally.resolved++
      else tally.rejected.set(codeOf(error), (tally.rejected.get(codeOf(error)) ?? 0) + 1)
      if (took > tally.slowestMs) {
        tally.slowestMs = took
        tally.slowestWho = who
      }
      const why = error === null ? undefined : this.wrongCodes[kind]?.[codeOf(error)]
      if (why)
        this.violations.add(
          'wrong outcome',
          `${who} ${kind}() rejected ${codeOf(error)} ("${error instanceof Error ? error.message : String(error)}"): ${why}`,
        )
      const limit = this.limitOf(entry, entry.startedAt + took)
      if (took > limit && !entry.flagged)
        this.violations.add(
          'promise over its bound',
          `${who} ${kind}() settled after ${took} ms (${error === null ? 'resolved' : codeOf(error)}); bound ${this.bounds[kind]} ms + margin ${this.marginMs} ms + event-loop lag = ${limit} ms`,
        )
    }
    promise.then(
      () => settle(null),
      (error: unknown) => settle(error),
    )
    return promise
  }

  /** Reports every pending promise already over its bound (once each). Call it often while the run goes. */
  sweep(): void {
    const t = this.now()
    for (const entry of this.pending) {
      if (entry.flagged) continue
      const limit = this.limitOf(entry, t)
      if (t - entry.startedAt <= limit) continue
      entry.flagged = true
      this.violations.add(
        'promise never settled',
        `${entry.who} ${entry.kind}() still pending after ${t - entry.startedAt} ms; bound ${this.bounds[entry.kind]} ms + margin ${this.marginMs} ms + event-loop lag = ${limit} ms`,
      )
    }
  }

  /** Promises of `kind` (or of every kind) still pending. */
  pendingCount(kind?: PromiseKind): number {
    let n = 0
    for (const entry of this.pending) if (kind === undefined || entry.kind === kind) n++
    return n
  }

  /** The figures of every kind, in {@link PROMISE_KINDS} order. */
  figures(): PromiseFigures[] {
    return PROMISE_KINDS.map((kind) => {
      const tally = this.tallies.get(kind)!
      return {
        kind,
        settled: tally.settled,
        resolved: tally.resolved,
        rejected: tally.rejected,
        pending: this.pendingCount(kind),
        slowestMs: tally.slowestMs,
        slowestWho: tally.slowestWho,
        boundMs: this.bounds[kind],
      }
    })
  }

  private limitOf(entry: Pending, until: number): number {
    return this.bounds[entry.kind] + this.marginMs + this.lagAllowance(entry.startedAt, until)
  }
}
