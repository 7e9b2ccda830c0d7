import { invalidArgument } from '../errors.js'
import type { MachineEvent } from '../machine/events.js'
import { noop } from '../noop.js'
import type { WebSocketConstructorLike, WebSocketLike } from '../types.js'

/**
 * Creates a socket for `url`, or says why none could be created: the event to report for socket `id`
 * (the shell reports it asynchronously, as a real socket's failure would arrive: never mid-effect).
 * The shell wires the socket's callbacks itself, tagged with `id`, so a late event of an old socket can
 * never touch the new one; four small closures on the engine, no relay between them (memory per
 * connected engine, issue #11).
 */
export function newSocket(
  ctor: WebSocketConstructorLike | undefined,
  url: string,
  id: number,
): WebSocketLike | MachineEvent {
  const Ctor = ctor ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket
  // A setup error, not a network fault: reported once, and the engine stops (no retry can fix it).
  if (!Ctor)
    return [
      'socketError',
      id,
      invalidArgument('platform.WebSocket', "a WebSocket class (on Node 20: { WebSocket } from 'ws')", Ctor),
    ]
  try {
    return new Ctor(url)
  } catch (cause) {
    return ['socketClose', id, 1006, `${cause}`]
  }
}

/** Sends a frame; a socket that throws (closed meanwhile) reports an error instead. */
export function sendOn(ws: WebSocketLike | null, data: string, onFail: () => void): void {
  try {
    ws?.send(data)
  } catch {
    queueMicrotask(onFail)
  }
}

/** Closes a socket and silences it: its later callbacks cannot reach the machine. */
export function closeSocket(ws: WebSocketLike | null): void {
  if (!ws) return
  // No-ops rather than null: `ws` emits 'error' when closed while connecting, and an EventEmitter
  // with no 'error' listener would throw.
  ws.onopen = ws.onmessage = ws.onerror = ws.onclose = noop
  try {
    ws.close(1000)
  } catch {
    // already closing or closed
  }
}
