import { errorOf } from '../errors.js'
import type { MachineState } from './state.js'
import { closeSocket, emit, lost, type Step, wireId } from './step.js'

/** A moment the machine must act at, and what it does then. */
export type Deadline = readonly [at: number, fire: (step: Step) => void]

const dead = (why: string) => (step: Step) => lost(step, errorOf('ERR_WEBSOCKET_ERROR', why))

/**
 * Every wall-clock deadline of the state. The shell arms one timer at the earliest; the machine
 * re-checks the list on every event, so a late timer (throttled or frozen tab) never stretches them.
 * Each action removes its own deadline or moves it later, so firing them in a loop ends.
 */
export function deadlinesOf(s: MachineState): Deadline[] {
  const out: Deadline[] = []
  const { socket, settings } = s
  if (socket?.phase === 'open') {
    // The heartbeat runs in the foreground only: background timers are throttled, and manual mode
    // keeps a background socket alive with the app's own ping() calls.
    const sentAt = socket.heartbeatSentAt
    if (s.appState === 'foreground')
      out.push(
        sentAt === undefined
          ? [socket.lastInboundAt + settings.heartbeatInterval, sendHeartbeat]
          : [sentAt + settings.pongTimeout, dead('(heartbeat: no pong)')],
      )
    // A connection that stayed up resets the backoff.
    if (s.attempt) out.push([socket.connectedAt! + settings.stableAfter, resetBackoff])
  } else if (socket) {
    out.push([socket.startedAt + settings.connectTimeout, dead('(connect timeout)')])
  }
  // Set only in manual mode, in background (B4).
  if (socket && s.backgroundDeadline !== null) out.push([s.backgroundDeadline, backgroundTimeout])
  if (s.retryAt !== null) out.push([s.retryAt, retryNow])
  for (const w of s.waiters) {
    if (w.deadline === undefined) continue
    out.push([
      w.deadline,
      (step) => {
        step.s.waiters = step.s.waiters.filter((x) => x !== w)
        if (w.kind === 'send') {
          return emit(step, 'settle', w.req, errorOf('ERR_WEBSOCKET_ERROR', '(no acknowledgement)'))
        }
        emit(step, 'settle', w.req, errorOf('ERR_PING_TIMEOUT'))
        dead('(ping timeout)')(step) // no pong in time means a dead socket: do not trust it
      },
    ])
  }
  return out
}

function resetBackoff(step: Step): void {
  step.s.attempt = 0
}

/** The backoff delay passed: clearing it lets reconcile() open the socket. */
function retryNow(step: Step): void {
  step.s.retryAt = null
}

function sendHeartbeat(step: Step): void {
  const socket = step.s.socket!
  step.s.socket = { ...socket, heartbeatSentAt: step.now }
  emit(step, 'send', socket.id, { type: 'ping', id: wireId(step) })
}

/** B4 manual: the grace period passed with no ping. Closed on purpose, so it stays closed (B6). */
function backgroundTimeout(step: Step): void {
  Object.assign(step.s, { intent: false, backgroundDeadline: null })
  closeSocket(step, errorOf('ERR_CANCELLED'))
}

/** The earliest deadline, or null when nothing is due (then the shell holds no timer: I3). */
export function nextDeadline(s: MachineState): number | null {
  const ats = deadlinesOf(s).map((d) => d[0])
  return ats.length ? Math.min(...ats) : null
}

/** Fires every deadline that has passed, earliest first, re-reading the state after each. */
export function expireDeadlines(step: Step): void {
  for (;;) {
    let due: Deadline | undefined
    for (const d of deadlinesOf(step.s)) if (d[0] <= step.now && (!due || d[0] < due[0])) due = d
    if (!due) return
    due[1](step)
  }
}
