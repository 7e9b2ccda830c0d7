import type { WebSocketConstructorLike } from '@cometchat-connection/core'
import { WebSocket } from 'ws'

/** One engine's WebSocket class, and what it saw. */
export interface WatchedWebSocket {
  /** Pass this as `platform.WebSocket`. */
  readonly WebSocket: WebSocketConstructorLike
  /** Sockets constructed so far. */
  created(): number
  /** Sockets of this engine open or opening now (`readyState` CONNECTING or OPEN). */
  live(): number
  /** The most that were open or opening at once, counting each new one. */
  maxLive(): number
}

const isLive = (ws: WebSocket) => ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN

/** A frame the engine's socket received, and whether that socket is still open (the engine's current one). */
export type FrameSeen = (data: string, stillOpen: () => boolean) => void

/**
 * `ws`'s WebSocket for one engine, checking SPEC I1 where it is exact: when the engine constructs a
 * socket, none of its others may still be open or opening (`ws` moves a socket to CLOSING the moment
 * `close()` is called, so a socket the engine let go of never counts). `onSecond` hears of a breach.
 * `onFrame` sees every text frame an open socket receives, just before the engine does (its listener
 * comes first): a frame on an open socket reaches the engine's `onmessage`. `onCreate` hears of each new one.
 */
export function watchedWebSocket(
  onSecond: (othersLive: number) => void,
  onFrame: FrameSeen = () => {},
  onCreate: () => void = () => {},
): WatchedWebSocket {
  const sockets = new Set<WebSocket>()
  let created = 0
  let maxLive = 0
  class Watched extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      created++
      onCreate()
      let others = 0
      for (const ws of sockets) if (isLive(ws)) others++
      maxLive = Math.max(maxLive, others + 1)
      if (others > 0) onSecond(others)
      sockets.add(this)
      this.once('close', () => sockets.delete(this))
      this.on('message', (data, isBinary) => {
        if (!isBinary && this.readyState === WebSocket.OPEN)
          onFrame(String(data), () => this.readyState === WebSocket.OPEN)
      })
    }
  }
  const base: WebSocketConstructorLike = Watched
  return {
    WebSocket: base,
    created: () => created,
    maxLive: () => maxLive,
    live() {
      let n = 0
      for (const ws of sockets) if (isLive(ws)) n++
      return n
    },
  }
}
