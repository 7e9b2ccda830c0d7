/**
 * Close code for a socket the server cannot queue more for: 1013, "Try Again Later" in the IANA
 * WebSocket close code registry, a temporary server-side condition. The Node server sends it when a
 * socket's send buffer passes `maxBufferedBytes` (the client stopped reading); the core sends it when
 * more live events arrive during a resume's replay than an inbox holds. Not 1008 (policy violation): a
 * slow network is no misbehaviour. Not 4029 (`RATE_LIMITED`): that means the client sent too fast.
 * `CloseCodes` (core) has no entry for it, and the engine needs none: every code other than 4001 and
 * 4004 makes it reconnect with backoff (and resume), which is what a slow reader should do.
 */
export const CLOSE_SEND_BUFFER_FULL = 1013
