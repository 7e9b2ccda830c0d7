/**
 * One socket as the protocol core sees it. A binding (the `ws` server, the in-memory transport, your
 * own) implements it; the core never touches a real socket.
 */
export interface ServerConnection {
  /** Sends one text frame. Must not throw when the socket is already closing. */
  send(text: string): void
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
