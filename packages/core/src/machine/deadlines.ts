import { oldestSend } from '../delivery/outbox.js'
import { errorOf } from '../errors.js'
import type { MachineState } from './state.js'
import { closeSocket, s as current, emit, lost, now, settleSend, settleWaiter, wireId } from './step.js'

/** A moment the machine must act at, and what it does then. */
export type Deadline = readonly [at: number, fire: () => void]

const dead = (why: string) => () => lost(errorOf('ERR_WEBSOCKET_ERROR', why))

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
      () => {
        settleWaiter(w, errorOf('ERR_PING_TIMEOUT'))
        dead('(ping timeout)')() // no pong in time means a dead socket: do not trust it
      },
    ])
  }
  // A send gives up at its own deadline: never acknowledged, or never sent for want of a connection.
  // Sends queue in call order with one timeout, so the oldest is always due first: one deadline stands
  // for all of them (a long outbox costs no scan per event), and each send that is due goes when it fires.
  const oldest = oldestSend(s.outbox)
  if (oldest)
    out.push([
      oldest.deadline,
      () => settleSend(oldest, errorOf('ERR_SEND_TIMEOUT', '', { sent: !!oldest.sentOn })),
    ])
  return out
}

function resetBackoff(): void {
  current.attempt = 0
}

/** The backoff delay passed: clearing it lets reconcile() open the socket. */
function retryNow(): void {
  current.retryAt = null
}

function sendHeartbeat(): void {
  const socket = current.socket!
  current.socket = { ...socket, heartbeatSentAt: now }
  emit('send', socket.id, { type: 'ping', id: wireId() })
}

/** B4 manual: the grace period passed with no ping. Closed on purpose, so it stays closed (B6). */
function backgroundTimeout(): void {
  current.intent = false // reconcile() then clears the deadline; without a socket it is not listed
  closeSocket(errorOf('ERR_CANCELLED'))
}

/** The earliest deadline, or null when nothing is due (then the shell holds no timer: I3). */
export function nextDeadline(s: MachineState): number | null {
  const ats = deadlinesOf(s).map((d) => d[0])
  return ats.length ? Math.min(...ats) : null
}

/** Fires every deadline of the transition in progress that has passed, earliest first, re-reading the state after each. */
export function expireDeadlines(): void {
  for (;;) {
    let due: Deadline | undefined
    for (const d of deadlinesOf(current)) if (d[0] <= now && (!due || d[0] < due[0])) due = d
    if (!due) return
    due[1]()
  }
}
