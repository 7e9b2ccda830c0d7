import { type Position, positionAfter } from '../delivery/positions.js'
import { toTextMessage } from '../models.js'
import type { ServerFrame } from '../protocol.js'
import type { TextMessage } from '../types.js'
import type { MachineState } from './state.js'

/**
 * What the hot path moved since the last transition: the time of the current socket's last frame and the
 * stream position. The shell holds it beside the machine state and folds it in ({@link foldHot}) before
 * the next transition, so a chat message costs two small objects instead of a copy of the whole state.
 */
export interface Hot {
  /** When the last frame arrived (the socket's `lastInboundAt`). */
  readonly at: number
  /** The position after the messages delivered on the hot path. */
  readonly position: Position | null
}

/**
 * The hot path, decided at the edge: a chat message for the user on the open socket, arriving while no
 * deadline is due, changes nothing but the socket's liveness and the stream position. It skips the
 * transition (the state copy, two deadline scans, reconcile, the snapshot) and gives the same result the
 * transition would, once folded in. Anything else (another frame type, an old socket, a gap in the
 * stream, a frame for someone else) returns null: the shell takes the full transition.
 *
 * @param hot - what earlier messages moved since the last transition, or null
 * @param dueAt - the earliest deadline of `state` (the shell's armed timer); at or after it, the
 *   deadlines must fire first, which only the transition does.
 */
export function fastMessage(
  state: MachineState,
  hot: Hot | null,
  id: number,
  frame: ServerFrame | null,
  now: number,
  dueAt: number,
): { hot: Hot; message?: TextMessage } | null {
  const socket = state.socket
  if (
    frame?.type !== 'message' ||
    now >= dueAt ||
    socket?.id !== id ||
    socket.phase !== 'open' ||
    frame.message.receiver !== state.session?.user.uid
  )
    return null
  const current = hot ? hot.position : state.position
  const position = positionAfter(current, frame.offset, frame.message.id)
  if (position === 'gap') return null
  return {
    hot: { at: now, position },
    // the same position: a duplicate, dropped
    message: position === current ? undefined : toTextMessage(frame.message, frame.replayed),
  }
}

/** `state` with what the hot path moved folded in: any frame proves the socket alive (heartbeat). */
export const foldHot = (state: MachineState, hot: Hot): MachineState => ({
  ...state,
  socket: { ...state.socket!, lastInboundAt: hot.at, heartbeatSentAt: undefined },
  position: hot.position,
})
