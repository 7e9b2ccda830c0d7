import type { MachineState } from './state.js'

/** A moment the machine must be woken at, and why. */
export type Deadline =
  | { readonly kind: 'connectTimeout'; readonly at: number }
  | { readonly kind: 'heartbeatSend'; readonly at: number }
  | { readonly kind: 'heartbeatDead'; readonly at: number }
  | { readonly kind: 'stable'; readonly at: number }
  | { readonly kind: 'background'; readonly at: number }
  | { readonly kind: 'retry'; readonly at: number }
  | { readonly kind: 'ping'; readonly at: number; readonly req: number }
  | { readonly kind: 'send'; readonly at: number; readonly req: number }

/**
 * Every wall-clock deadline of the state. The shell arms one timer at the earliest; the machine
 * re-checks the list on every event, so a late timer (throttled or frozen tab) never stretches them.
 */
export function deadlinesOf(s: MachineState): Deadline[] {
  const out: Deadline[] = []
  const { socket, settings } = s
  if (socket) {
    if (socket.phase !== 'open') {
      out.push({ kind: 'connectTimeout', at: socket.startedAt + settings.connectTimeout })
    } else {
      // The heartbeat runs in the foreground only: in the background the browser throttles timers
      // and manual mode keeps the socket alive with the app's own ping() calls.
      if (s.appState === 'foreground') {
        out.push(
          socket.heartbeatSentAt === null
            ? { kind: 'heartbeatSend', at: socket.lastInboundAt + settings.heartbeatInterval }
            : { kind: 'heartbeatDead', at: socket.heartbeatSentAt + settings.pongTimeout },
        )
      }
      if (s.attempt > 0 && socket.connectedAt !== null) {
        out.push({ kind: 'stable', at: socket.connectedAt + settings.stableAfter })
      }
    }
    if (s.mode === 'manual' && s.appState === 'background' && s.backgroundDeadline !== null) {
      out.push({ kind: 'background', at: s.backgroundDeadline })
    }
  }
  if (s.retryAt !== null) out.push({ kind: 'retry', at: s.retryAt })
  for (const p of s.pings) out.push({ kind: 'ping', at: p.deadline, req: p.req })
  for (const p of s.sends) out.push({ kind: 'send', at: p.deadline, req: p.req })
  return out
}

/** The earliest deadline, or null when nothing is due (then the shell holds no timer: I3). */
export function nextDeadline(s: MachineState): number | null {
  let min: number | null = null
  for (const d of deadlinesOf(s)) if (min === null || d.at < min) min = d.at
  return min
}
