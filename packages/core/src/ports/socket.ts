import { invalidArgument } from '../errors.js'
import type { MachineEvent } from '../machine/events.js'
import { noop } from '../noop.js'
import type { WebSocketConstructorLike, WebSocketLike } from '../types.js'

/**
 * Opens socket `id` and turns its callbacks into events tagged with that id, so a late event of an old
 * socket can never touch the new one. Returns the socket, or null when none could be created: the
 * failure then arrives as an event, asynchronously, as a real socket's would (never mid-effect).
 *
 * @param onData - receives every frame's data: the shell decodes it and picks the hot path or the machine
 */
export function openSocket(
  ctor: WebSocketConstructorLike | undefined,
  url: string,
  id: number,
  emit: (event: MachineEvent) => void,
  onData: (data: unknown) => void,
): WebSocketLike | null {
  const later = (event: MachineEvent) => void queueMicrotask(() => emit(event))
  const Ctor = ctor ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket
  // A setup error, not a network fault: reported once, and the engine stops (no retry can fix it).
  if (!Ctor) {
    later([
      'socketError',
      id,
      invalidArgument('platform.WebSocket', "a WebSocket class (on Node 20: { WebSocket } from 'ws')", Ctor),
    ])
    return null
  }
  let ws: WebSocketLike
  try {
    ws = new Ctor(url)
  } catch (cause) {
    later(['socketClose', id, 1006, `${cause}`])
    return null
  }
  ws.onopen = () => emit(['socketOpen', id])
  ws.onmessage = (ev) => onData(ev.data)
  ws.onerror = () => emit(['socketError', id])
  ws.onclose = (ev) => emit(['socketClose', id, ev.code, ev.reason])
  return ws
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
