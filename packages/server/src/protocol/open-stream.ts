import type { Recovery, StreamPosition } from '@cometchat-connection/core'
import type { InboxEvent, ServerStore, StreamSlice } from '../store/store.js'
import type { ConnectionSession } from './connection-session.js'
import { isPosition, planRecovery } from './plan-recovery.js'
import { CLOSE_SEND_BUFFER_FULL } from './send-buffer-full.js'

/** What {@link openStream} needs besides the session. */
export interface OpenStreamContext {
  readonly store: ServerStore
  /** Events read per store call during a replay (the inbox bound: one read for the memory store). */
  readonly pageSize: number
  /** Sends `auth-ok` with the stream's end and the answer to `resume`, and whatever follows it (presence). */
  readonly sendAuthOk: (
    session: ConnectionSession,
    stream: StreamPosition,
    recovery: Recovery | undefined,
  ) => void
}

/** The `message` frame of a replayed event. */
function replayFrame(event: InboxEvent): string {
  return JSON.stringify({ type: 'message', message: event.message, offset: event.offset, replayed: true })
}

/**
 * Sends the events after `from` up to `target`, in order, paced by the socket's back-pressure, reading
 * further pages from the store when the first read did not hold them all. Resolves false when the socket
 * closed meanwhile, or closes it (1013) when the store lost events it had promised: the client then
 * resumes again and learns of the gap as a reset, rather than silently missing events.
 */
async function replay(
  session: ConnectionSession,
  ctx: OpenStreamContext,
  uid: string,
  from: number,
  first: StreamSlice,
): Promise<boolean> {
  const target = first.last
  let cursor = from
  let slice = first
  while (cursor < target) {
    for (const event of slice.events) {
      if (cursor >= target) break
      if (event.offset <= cursor) continue
      if (event.offset !== cursor + 1) break
      const paced = session.sendPaced(replayFrame(event))
      cursor = event.offset
      if (paced) await paced
      if (session.isClosed) return false
    }
    if (cursor >= target) break
    slice = await ctx.store.readStream(uid, cursor, ctx.pageSize)
    if (session.isClosed) return false
    if (slice.epoch !== first.epoch || slice.first > cursor + 1 || slice.events.length === 0) {
      session.close(CLOSE_SEND_BUFFER_FULL, 'replay overtaken; resume again')
      return false
    }
  }
  return true
}

/**
 * Opens `session`'s inbox stream after its token checked out (the session is already registered for live
 * events and holds them): reads where the stream stands, answers `resume`, opens the socket, sends
 * `auth-ok`, replays what the client missed, then lets the held live events through, so an event that
 * lands during all this is neither lost, nor sent twice, nor out of order. Rejects when the store fails.
 */
export async function openStream(
  session: ConnectionSession,
  ctx: OpenStreamContext,
  uid: string,
  resume: StreamPosition | undefined,
): Promise<void> {
  let slice: StreamSlice
  if (resume && isPosition(resume)) slice = await ctx.store.readStream(uid, resume.offset, ctx.pageSize)
  else {
    const end = await ctx.store.position(uid)
    slice = { epoch: end.epoch, last: end.offset, first: end.offset + 1, events: [] }
  }
  if (session.isClosed) return
  const recovery = resume ? planRecovery(resume, slice) : undefined
  const position: StreamPosition = { epoch: slice.epoch, offset: slice.last }
  session.open()
  ctx.sendAuthOk(session, position, recovery)
  if (resume && recovery?.resumed && recovery.replayed > 0) {
    if (!(await replay(session, ctx, uid, resume.offset, slice))) return
  }
  session.goLive(position)
}
