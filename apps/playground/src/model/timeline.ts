/** What kind of thing a timeline entry records; the view colours entries by kind. */
export type TimelineKind =
  | 'status'
  | 'error'
  | 'action'
  | 'message'
  | 'presence'
  | 'environment'
  | 'server'
  /** Resumes, lost continuity and catch-ups (the delivery promise). */
  | 'delivery'

/** One line of the playground's timeline. */
export interface TimelineEntry {
  /** Increasing id, unique within one playground. */
  readonly id: number
  /** When it happened, epoch ms. */
  readonly at: number
  readonly kind: TimelineKind
  /** What happened, in words. */
  readonly text: string
  /** The error code, for `error` entries. */
  readonly code?: string
}

/** How many entries the timeline keeps; older ones are dropped. */
export const TIMELINE_LIMIT = 200

/** Returns a new list with `entry` first (newest first), keeping at most `limit` entries. */
export function prependEntry(
  list: readonly TimelineEntry[],
  entry: TimelineEntry,
  limit = TIMELINE_LIMIT,
): readonly TimelineEntry[] {
  return [entry, ...list.slice(0, Math.max(0, limit - 1))]
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `HH:MM:SS.mmm` in local time: precise enough to see a 500 ms backoff. */
export function formatClock(at: number): string {
  const d = new Date(at)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** `+1.234 s` since `origin`: entries are easier to compare relative to the page start. */
export function formatOffset(at: number, origin: number): string {
  const ms = Math.max(0, at - origin)
  return `+${(ms / 1000).toFixed(3)} s`
}
