/**
 * One socket as the protocol core sees it. A binding (the `ws` server, the in-memory transport, your
 * own) implements it; the core never touches a real socket.
 */
export interface ServerConnection {
  /** Sends one text frame. Must not throw when the socket is already closing. */
  send(text: string): void
  /**
   * Optional back-pressure for long runs of frames (a resume's replay): sends like {@link send}, and
   * when the socket's send buffer is above the binding's low-water mark, returns a promise that settles
   * once this frame has left the buffer (or the socket closed). The core waits on it before the next
   * frame, so a replay of any length never piles up in memory or trips a send-buffer limit. A binding
   * without a send buffer (the in-memory transport) leaves it out.
   */
  sendPaced?(text: string): Promise<void> | undefined
  /**
   * Starts a clean close with this code and reason. The binding still reports the final close through
   * {@link ConnectionHandlers.onClose}; the core ignores that report for sockets it closed itself.
   */
  close(code: number, reason: string): void
}

/** What a binding calls when something happens on a socket opened with `RealtimeServerCore.openConnection()`. */
export interface ConnectionHandlers {
  /** A text frame arrived. */
  onText(text: string): void
  /** A binary frame arrived (the protocol is text only: it counts as a malformed frame). */
  onBinary(): void
  /** The socket is closed, whoever closed it. Safe to call more than once. */
  onClose(): void
}
