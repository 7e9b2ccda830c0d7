import { SOCKET_PATH, type WebSocketConstructorLike, type WebSocketLike } from '@cometchat-connection/core'
import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'
import type { ConnectionHandlers } from '../protocol/server-connection.js'

/** What the sockets share with their transport. */
export interface SocketHub {
  readonly core: RealtimeServerCore
  /** Whether new connections are accepted. */
  isRunning(): boolean
  /** Runs `task` later, in order with every other scheduled task (one FIFO queue per transport). */
  schedule(task: () => void): void
  /**
   * Like {@link SocketHub.schedule}, for something that crosses the link (a handshake, a frame, a close
   * handshake): while the transport is stalled it is held, and it runs in order once the stall ends.
   */
  deliver(task: () => void): void
  /** Tracks a socket while it is open. */
  add(socket: InMemorySocket): void
  /** Forgets a socket once it is closed. */
  remove(socket: InMemorySocket): void
}

/** The extra surface of an in-memory socket (beyond core's `WebSocketLike`) the transport uses. */
export interface InMemorySocket extends WebSocketLike {
  /** The URL it was created with. */
  readonly url: string
  /**
   * Breaks the connection as a network fault would: the server sees it gone now, the client gets error +
   * close 1006. Not held by a stall: it is how a fault breaks a link, stalled or not.
   */
  drop(): void
}

const CONNECTING = 0
const OPEN = 1
const CLOSING = 2
const CLOSED = 3

function domError(message: string, name: string): Error {
  return typeof DOMException === 'function'
    ? new DOMException(message, name)
    : Object.assign(new Error(message), { name })
}

/** Mirrors the browser's `close()` checks, so code that works here does not throw on a real socket. */
function validateClose(code: number | undefined, reason: string | undefined): void {
  if (code !== undefined && code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
    throw domError(`The close code must be 1000 or in 3000-4999; got ${code}.`, 'InvalidAccessError')
  }
  if (reason !== undefined && new TextEncoder().encode(reason).length > 123) {
    throw domError('The close reason must be at most 123 UTF-8 bytes.', 'SyntaxError')
  }
}

/**
 * Builds the WebSocket class of one in-memory transport. It behaves like a browser `WebSocket`: events
 * arrive asynchronously and in order, `send()` while connecting throws, `close()` validates its code,
 * a refused or broken connection fires `error` then `close` with 1006. What crosses the link (handshake,
 * frames, close handshake) goes through {@link SocketHub.deliver}, so a stalled transport holds it; what a
 * browser decides locally (closing while connecting, a broken link) does not wait for the link.
 */
export function createInMemorySocketClass(hub: SocketHub): WebSocketConstructorLike & {
  readonly CONNECTING: 0
  readonly OPEN: 1
  readonly CLOSING: 2
  readonly CLOSED: 3
} {
  return class InMemoryWebSocket implements InMemorySocket {
    static readonly CONNECTING = CONNECTING
    static readonly OPEN = OPEN
    static readonly CLOSING = CLOSING
    static readonly CLOSED = CLOSED
    readonly CONNECTING = CONNECTING
    readonly OPEN = OPEN
    readonly CLOSING = CLOSING
    readonly CLOSED = CLOSED

    readyState: number = CONNECTING
    onopen: ((ev: unknown) => void) | null = null
    onmessage: ((ev: { data: unknown }) => void) | null = null
    onerror: ((ev: unknown) => void) | null = null
    onclose: ((ev: { code: number; reason: string }) => void) | null = null
    readonly url: string
    /** The server side of the connection; null until open and again once the server no longer sees it. */
    private server: ConnectionHandlers | null = null
    /** The server closed or the network broke: nothing more is sent either way. */
    private ended = false

    constructor(url: string, _protocols?: string | string[]) {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        throw domError(`Invalid WebSocket URL ${JSON.stringify(url)}.`, 'SyntaxError')
      }
      if (!['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol)) {
        throw domError(`The URL's scheme must be ws or wss; got ${parsed.protocol}`, 'SyntaxError')
      }
      this.url = parsed.toString()
      // The handshake crosses the link: a stalled link holds it, so the socket stays CONNECTING.
      hub.deliver(() => this.establish(parsed))
    }

    send(data: string): void {
      if (this.readyState === CONNECTING) throw domError('Still in CONNECTING state.', 'InvalidStateError')
      if (this.readyState !== OPEN || this.ended) return
      const binary = typeof data !== 'string'
      hub.deliver(() => {
        if (!this.server) return
        if (binary) this.server.onBinary()
        else this.server.onText(data)
      })
    }

    close(code?: number, reason?: string): void {
      validateClose(code, reason)
      if (this.readyState === CLOSING || this.readyState === CLOSED) return
      if (this.readyState === CONNECTING) {
        // Like a browser: closing before the handshake finished fails the connection.
        this.readyState = CLOSING
        hub.schedule(() => this.fail())
        return
      }
      this.readyState = CLOSING
      // The close handshake crosses the link: while stalled, the server keeps the socket (and the user
      // online) and this socket stays CLOSING, as with a real half-open connection.
      hub.deliver(() => {
        this.detachServer()
        this.finish(code ?? 1005, reason ?? '', true)
      })
    }

    drop(): void {
      if (this.readyState === CLOSED || this.ended) return
      this.ended = true
      this.detachServer()
      hub.schedule(() => this.fail())
    }

    private establish(url: URL): void {
      if (this.readyState !== CONNECTING) return
      // A stopped server or a wrong path: the handshake fails as a refused upgrade would.
      if (!hub.isRunning() || url.pathname !== SOCKET_PATH) {
        this.fail()
        return
      }
      this.readyState = OPEN
      hub.add(this)
      this.emit(this.onopen, { type: 'open', target: this })
      this.server = hub.core.openConnection(url.searchParams.get('appId'), {
        send: (text) => {
          if (this.ended) return
          hub.deliver(() => {
            if (this.readyState === OPEN)
              this.emit(this.onmessage, { type: 'message', data: text, target: this })
          })
        },
        close: (code, reason) => {
          if (this.ended) return
          this.ended = true
          hub.deliver(() => {
            this.detachServer()
            this.finish(code, reason, true)
          })
        },
      })
    }

    private detachServer(): void {
      const server = this.server
      this.server = null
      server?.onClose()
    }

    private fail(): void {
      if (this.readyState === CLOSED) return
      this.readyState = CLOSED
      hub.remove(this)
      this.emit(this.onerror, { type: 'error', target: this })
      this.emit(this.onclose, { type: 'close', code: 1006, reason: '', wasClean: false, target: this })
    }

    private finish(code: number, reason: string, wasClean: boolean): void {
      if (this.readyState === CLOSED) return
      this.readyState = CLOSED
      hub.remove(this)
      this.emit(this.onclose, { type: 'close', code, reason, wasClean, target: this })
    }

    private emit<E>(handler: ((ev: E) => void) | null, event: E): void {
      if (!handler) return
      try {
        handler.call(this, event)
      } catch (error) {
        // A throwing handler must not stop the transport's queue; report it like a browser would.
        setTimeout(() => {
          throw error
        }, 0)
      }
    }
  }
}
