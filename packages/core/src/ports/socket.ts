import type { MachineEvent } from '../machine/events.js'
import { type ClientFrame, socketUrlFor } from '../protocol.js'
import type { WebSocketConstructorLike, WebSocketLike } from '../types.js'

/**
 * The socket port: creates WebSockets for the machine and turns their callbacks into events
 * tagged with the socket's id, so a late event of an old socket can never touch the new one.
 */
export class SocketPort {
  private readonly sockets = new Map<number, WebSocketLike>()

  constructor(
    private readonly ctor: WebSocketConstructorLike | undefined,
    private readonly serverUrl: string,
    private readonly appId: string,
    private readonly emit: (event: MachineEvent) => void,
  ) {}

  /** How many sockets the port holds (at most one: I1). */
  get size(): number {
    return this.sockets.size
  }

  open(id: number): void {
    const Ctor = this.ctor ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket
    let ws: WebSocketLike
    try {
      if (!Ctor)
        throw new Error('No WebSocket implementation: pass platform.WebSocket (e.g. the ws package).')
      ws = new Ctor(socketUrlFor(this.serverUrl, this.appId))
    } catch (cause) {
      // Report asynchronously, as a real socket would, so the machine is not re-entered mid-effect.
      queueMicrotask(() => this.emit({ type: 'socketClose', id, code: 1006, reason: String(cause) }))
      return
    }
    this.sockets.set(id, ws)
    ws.onopen = () => this.emit({ type: 'socketOpen', id })
    ws.onmessage = (ev) => this.emit({ type: 'socketMessage', id, data: ev.data })
    ws.onerror = () => this.emit({ type: 'socketError', id })
    ws.onclose = (ev) => {
      this.sockets.delete(id)
      this.emit({ type: 'socketClose', id, code: ev.code, reason: ev.reason })
    }
  }

  send(id: number, frame: ClientFrame): void {
    const ws = this.sockets.get(id)
    if (!ws) return
    try {
      ws.send(JSON.stringify(frame))
    } catch {
      queueMicrotask(() => this.emit({ type: 'socketError', id }))
    }
  }

  /** Closes and forgets the socket: its later callbacks are detached and cannot reach the machine. */
  close(id: number, code: number, reason: string): void {
    const ws = this.sockets.get(id)
    if (!ws) return
    this.sockets.delete(id)
    // No-ops rather than null: `ws` emits 'error' when closed while connecting, and an EventEmitter
    // with no 'error' listener would throw.
    const ignore = () => {}
    ws.onopen = ignore
    ws.onmessage = ignore
    ws.onerror = ignore
    ws.onclose = ignore
    try {
      ws.close(code, reason)
    } catch {
      // already closing or closed
    }
  }
}
