import type { MachineEvent } from '../machine/events.js'
import { type ClientFrame, socketUrlFor } from '../protocol.js'
import type { WebSocketConstructorLike, WebSocketLike } from '../types.js'

/** Creates, feeds and closes the machine's sockets. */
export interface SocketPort {
  open(id: number): void
  send(id: number, frame: ClientFrame): void
  /** Closes and forgets the socket: its later callbacks cannot reach the machine. */
  close(id: number): void
}

/**
 * The socket port: turns WebSocket callbacks into events tagged with the socket's id, so a late
 * event of an old socket can never touch the new one.
 */
export function createSocketPort(
  ctor: WebSocketConstructorLike | undefined,
  serverUrl: string,
  appId: string,
  emit: (event: MachineEvent) => void,
): SocketPort {
  const sockets = new Map<number, WebSocketLike>()
  // Failures are reported asynchronously, as a real socket would, never mid-effect.
  const later = (event: MachineEvent) => queueMicrotask(() => emit(event))
  return {
    open(id) {
      const Ctor = ctor ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket
      let ws: WebSocketLike
      try {
        if (!Ctor) throw 'No WebSocket implementation: pass platform.WebSocket (e.g. the ws package).'
        ws = new Ctor(socketUrlFor(serverUrl, appId))
      } catch (cause) {
        return later(['socketClose', id, 1006, `${cause}`])
      }
      sockets.set(id, ws)
      ws.onopen = () => emit(['socketOpen', id])
      ws.onmessage = (ev) => emit(['socketMessage', id, ev.data])
      ws.onerror = () => emit(['socketError', id])
      ws.onclose = (ev) => {
        sockets.delete(id)
        emit(['socketClose', id, ev.code, ev.reason])
      }
    },
    send(id, frame) {
      try {
        sockets.get(id)?.send(JSON.stringify(frame))
      } catch {
        later(['socketError', id])
      }
    },
    close(id) {
      const ws = sockets.get(id)
      if (!ws) return
      sockets.delete(id)
      // No-ops rather than null: `ws` emits 'error' when closed while connecting, and an EventEmitter
      // with no 'error' listener would throw.
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = () => {}
      try {
        ws.close(1000)
      } catch {
        // already closing or closed
      }
    },
  }
}
