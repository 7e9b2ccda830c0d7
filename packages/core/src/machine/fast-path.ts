import { positionAfter } from '../delivery/positions.js'
import { toTextMessage } from '../models.js'
import type { ServerFrame } from '../protocol.js'
import type { TextMessage } from '../types.js'
import type { MachineState } from './state.js'

/**
 * The hot path, decided at the edge: a chat message for the user on the open socket, arriving while no
 * deadline is due, changes nothing but the socket's liveness and the stream position. It skips the
 * transition (the full state copy, two deadline scans, reconcile, the snapshot) and gives the same result
 * the transition would. Anything else (another frame type, an old socket, a gap in the stream, a frame
 * for someone else) returns null: the shell takes the full transition.
 *
 * @param dueAt - the earliest deadline of `state` (the shell's armed timer); at or after it, the
 *   deadlines must fire first, which only the transition does.
 */
export function fastMessage(
  state: MachineState,
  id: number,
  frame: ServerFrame | null,
  now: number,
  dueAt: number,
): { state: MachineState; message?: TextMessage } | null {
  const socket = state.socket
  if (
    frame?.type !== 'message' ||
    now >= dueAt ||
    socket?.id !== id ||
    socket.phase !== 'open' ||
    frame.message.receiver !== state.session?.user.uid
  )
    return null
  const position = positionAfter(state.position, frame.offset, frame.message.id)
  if (position === 'gap') return null
  return {
    state: { ...state, socket: { ...socket, lastInboundAt: now, heartbeatSentAt: undefined }, position },
    // the same position: a duplicate, dropped
    message: position === state.position ? undefined : toTextMessage(frame.message, frame.replayed),
  }
}
