import type { Recovery, StreamPosition } from '@cometchat-connection/core'
import type { StreamSlice } from '../store/store.js'

/** Whether `resume` can be a position of some stream (a non-negative integer offset). */
export function isPosition(resume: StreamPosition): boolean {
  return Number.isSafeInteger(resume.offset) && resume.offset >= 0
}

/**
 * The answer to an auth frame's `resume`, given the stream read right after the token check: either
 * every event after the position (exactly `last - offset` of them, all still kept) or a reset with its
 * reason and nothing replayed. Never a partial replay. The checks run in this order:
 *
 * 1. not a position (negative, fractional, malformed) → `'position'`;
 * 2. another epoch → `'epoch'` (offsets of two histories are never compared);
 * 3. beyond the stream's end → `'position'` (a position this stream never had);
 * 4. events after it were trimmed → `'window'`.
 */
export function planRecovery(resume: StreamPosition, stream: Omit<StreamSlice, 'events'>): Recovery {
  if (!isPosition(resume)) return { resumed: false, reason: 'position' }
  if (resume.epoch !== stream.epoch) return { resumed: false, reason: 'epoch' }
  if (resume.offset > stream.last) return { resumed: false, reason: 'position' }
  if (resume.offset < stream.first - 1) return { resumed: false, reason: 'window' }
  return { resumed: true, replayed: stream.last - resume.offset }
}
