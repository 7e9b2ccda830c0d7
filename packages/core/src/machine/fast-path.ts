import type { ServerFrame } from '../protocol.js'
import { handleSocketMessage } from './server-frames.js'
import type { MachineState } from './state.js'
import { beginStep, endStep } from './step.js'
import type { TransitionResult } from './transition.js'

/**
 * The hot path (D61), decided at the edge: a chat message on the current socket, arriving while no
 * deadline is due, needs only the machine's own frame handler. The deadline scans, reconcile and the
 * snapshot around it cannot change anything when all the handler did was deliver the message or drop a
 * duplicate (the socket's liveness and the stream position are all that moved). So the handler runs
 * alone, and its result stands when its only effects are calls of message listeners. Anything else (a
 * gap in the stream, a frame for someone else) returns null: the shell runs the full transition from
 * the same state, and this result, like any of the pure machine's, leaves no trace.
 *
 * @param dueAt - the earliest deadline of `state` (the shell's armed timer); at or after it, the
 *   deadlines must fire first, which only the transition does.
 */
export function fastMessage(
  state: MachineState,
  id: number,
  frame: ServerFrame | null,
  data: unknown,
  now: number,
  dueAt: number,
): TransitionResult | null {
  if (frame?.type !== 'message' || now >= dueAt || state.socket?.id !== id) return null
  beginStep(state, now, 0) // no randomness: a delivery draws none
  handleSocketMessage(frame, data)
  const result = endStep()
  return result.effects.every((e) => e[0] === 'call' && e[1] === 'message') ? result : null
}
