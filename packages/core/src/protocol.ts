/**
 * The wire protocol between the engine and `@cometchat-connection/server`, version 1.
 *
 * Every frame is one JSON object, UTF-8 text, with a `type`. The same types are used by the
 * server package (it imports them from here), so client and server can never disagree on a
 * field name. The prose version, with every close code, is in the docs ("The protocol").
 *
 * HTTP (all JSON, same host and port as the socket):
 * - `POST /v1/login`  `{ appId, uid, authKey }` or `{ appId, authToken }` → `200 { user, authToken }`
 * - `POST /v1/logout` `{ appId, authToken }` → `200 { ok: true }` (the token is revoked)
 * - `GET /v1/messages?after=ID&limit=N` with `Authorization: Bearer TOKEN` → `200` {@link HistoryPage}:
 *   the user's inbox after message `ID` (from the oldest kept without `after`), oldest first
 * - errors: `4xx { error: { code, message } }`
 *
 * WebSocket: `ws(s)://host/v1/ws?appId=APP`. The auth token never travels in the URL: the
 * client's first frame is {@link AuthFrame}. Frames before auth are refused.
 *
 * @packageDocumentation
 */

/**
 * Protocol version carried in the auth frame and the HTTP path. Version 1 grew the delivery fields
 * (`resume`, `stream`, `recovery`, `offset`, `replayed`, the send `id`) as optional additions: a peer that
 * does not know them ignores them, so old and new clients and servers still talk.
 */
export const PROTOCOL_VERSION = 1

/** The path of the WebSocket endpoint, relative to the server URL. */
export const SOCKET_PATH = '/v1/ws'

/** A user as the server describes it. */
export interface WireUser {
  /** Unique id of the user inside the app. */
  uid: string
  /** Display name. */
  name: string
}

/** A text message as stored by the server. */
export interface WireTextMessage {
  /** Server-assigned id. */
  id: string
  /** Sender uid. */
  sender: string
  /** Receiver uid. */
  receiver: string
  /** The text. */
  text: string
  /** Server time the message was stored, epoch ms. */
  sentAt: number
}

/**
 * A position in a user's inbox stream: every event addressed to the user has the next `offset` of that
 * stream. `epoch` names the stream's history: it changes whenever that history was lost (a restarted
 * in-memory server, a cleared store), so offsets of two epochs are never compared.
 */
export interface StreamPosition {
  /** The stream's history id (opaque). */
  epoch: string
  /** Offset of the last event (0: none yet). */
  offset: number
}

/** Client → server: the first frame on every socket. */
export interface AuthFrame {
  type: 'auth'
  /** Protocol version the client speaks. */
  v: number
  /** The auth token returned by `POST /v1/login`. */
  authToken: string
  /** When true the server sends presence of every user of the app. */
  presence?: boolean
  /**
   * The position of the last event this client delivered. The server answers with `recovery` in
   * `auth-ok`: every event after it (replayed, in order), or a reset with no partial replay.
   */
  resume?: StreamPosition
}

/** Either side: a heartbeat / keep-alive request. The peer answers with a {@link PongFrame} carrying the same id. */
export interface PingFrame {
  type: 'ping'
  id: string
}

/** Either side: the answer to a {@link PingFrame}. */
export interface PongFrame {
  type: 'pong'
  id: string
}

/** Client → server: send a text message. The server answers with a {@link MessageAckFrame} of the same `ref`. */
export interface SendMessageFrame {
  type: 'send-message'
  /** Client-chosen id, echoed in the ack or error. */
  ref: string
  receiver: string
  text: string
  /**
   * The message's own id, unique per sender (the engine draws a random one per `sendMessage()`). A send
   * retried with the same id within the server's dedupe window is stored once: the retry's ack carries
   * the message stored the first time.
   */
  id?: string
}

/** Server → client: authentication succeeded; the socket is now usable. */
export interface AuthOkFrame {
  type: 'auth-ok'
  user: WireUser
  /** Server time, epoch ms. */
  serverTime: number
  /** Server idle timeout in ms: a socket with no frame from the client for this long is closed. */
  idleTimeoutMs: number
  /** The end of the user's inbox stream now: where a client without a position starts. */
  stream?: StreamPosition
  /** The answer to the auth frame's `resume` (absent when the client sent none). */
  recovery?: Recovery
}

/** Why a resume could not replay: the epoch changed, the position fell out of the window, or it is not one the stream had. */
export type ResetReason = 'epoch' | 'window' | 'position'

/**
 * The outcome of a resume: `replayed` events follow `auth-ok` (each a `message` frame with `replayed: true`),
 * then live traffic; or a reset: nothing is replayed and the client continues from `auth-ok`'s `stream`.
 */
export type Recovery = { resumed: true; replayed: number } | { resumed: false; reason: ResetReason }

/** Server → client: a stored message for its receiver. */
export interface MessageFrame {
  type: 'message'
  message: WireTextMessage
  /** Its offset in the receiver's inbox stream (see {@link StreamPosition}). */
  offset?: number
  /** True when it is replayed after a resume rather than live. */
  replayed?: boolean
}

/** Server → client: the answer to a {@link SendMessageFrame}. */
export interface MessageAckFrame {
  type: 'message-ack'
  ref: string
  message: WireTextMessage
}

/** Server → client: a user came online or went offline (only to clients that asked for presence). */
export interface PresenceFrame {
  type: 'presence'
  user: WireUser
  status: 'online' | 'offline'
  /** Server time of the change, epoch ms. */
  at: number
}

/** Server → client: a feature is throttled (rate limit reached). */
export interface ThrottleFrame {
  type: 'throttle'
  /** What was throttled, e.g. `'messages'` or `'ping'`. */
  feature: string
  /** How long the client should wait before trying again. */
  retryAfterMs: number
}

/** Server → client: a request failed; the socket stays open unless a close follows. */
export interface ErrorFrame {
  type: 'error'
  /** An error code (see `ErrorCodes`). */
  code: string
  message: string
  /** The `ref` of the request that failed, if any. */
  ref?: string
}

/** The path of the history endpoint, relative to the server URL. */
export const HISTORY_PATH = '/v1/messages'

/** Most messages one history page holds (a larger `limit` is capped to it). */
export const MAX_HISTORY_LIMIT = 100

/** The answer of `GET /v1/messages`: one page of the authenticated user's inbox, oldest first. */
export interface HistoryPage {
  /** The messages after `after`, at most `limit`, oldest first. */
  messages: WireTextMessage[]
  /** True when more messages follow the last one of this page (ask again with its id as `after`). */
  hasMore: boolean
  /**
   * True when `after` is no longer (or never was) in the inbox: the page starts at the oldest message
   * kept, and messages between `after` and it are gone for good.
   */
  truncated: boolean
}

/** Every frame a client may send. */
export type ClientFrame = AuthFrame | PingFrame | PongFrame | SendMessageFrame

/** Every frame a server may send. */
export type ServerFrame =
  | AuthOkFrame
  | PingFrame
  | PongFrame
  | MessageFrame
  | MessageAckFrame
  | PresenceFrame
  | ThrottleFrame
  | ErrorFrame

/** Close code: the auth token is unknown, expired or revoked (SPEC B16). Same as `CloseCodes.AUTH_FAILED`. */
export const CLOSE_AUTH_FAILED = 4001
/** Close code: the appId in the URL is unknown. Same as `CloseCodes.UNKNOWN_APP`. */
export const CLOSE_UNKNOWN_APP = 4004
/** Close code: the server admits no more handshakes now; the reason holds `retry after N ms`. Same as `CloseCodes.TRY_AGAIN_LATER`. */
export const CLOSE_TRY_AGAIN_LATER = 4013

/**
 * WebSocket close codes the server uses (4000–4999 is the application range).
 * The engine maps each to its behaviour; see the docs' protocol page.
 */
export const CloseCodes = {
  /** Normal close (logout, client asked). */
  NORMAL: 1000,
  /** Server shutting down (SIGINT/SIGTERM); the client reconnects soon: a restart is likely to follow. */
  GOING_AWAY: 1001,
  /** Server restarting (IANA "Service Restart"); the client reconnects soon. */
  SERVICE_RESTART: 1012,
  /** A frame was larger than the server's limit. */
  FRAME_TOO_LARGE: 1009,
  /** The server failed while handling the socket (e.g. its token store threw); the client reconnects with backoff. */
  INTERNAL_ERROR: 1011,
  /** The auth token is unknown, expired or revoked: SPEC B16, no reconnect, session cleared. */
  AUTH_FAILED: CLOSE_AUTH_FAILED,
  /** No auth frame arrived in time. */
  AUTH_TIMEOUT: 4002,
  /** A frame other than auth arrived before auth. */
  NOT_AUTHENTICATED: 4003,
  /** The appId in the URL is unknown. */
  UNKNOWN_APP: CLOSE_UNKNOWN_APP,
  /** No frame from the client for the server's idle timeout. */
  IDLE_TIMEOUT: 4008,
  /** The client sent frames faster than the rate limit allows, repeatedly. */
  RATE_LIMITED: 4029,
  /** A frame could not be decoded (not JSON, not an object, unknown type) repeatedly. */
  PROTOCOL_ERROR: 4400,
  /**
   * Too many connections at once (admission control): the reason is `retry after N ms`; the client waits
   * a random time within that window, so a crowd turned away comes back spread out.
   */
  TRY_AGAIN_LATER: CLOSE_TRY_AGAIN_LATER,
} as const

/** Builds the socket URL from the server's http(s) base URL and the app id. */
export function socketUrlFor(serverUrl: string, appId: string): string {
  const url = new URL(
    `${SOCKET_PATH.slice(1)}?appId=${encodeURIComponent(appId)}`,
    serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`,
  )
  url.protocol = url.protocol.replace('http', 'ws') // http: -> ws:, https: -> wss:
  return url.toString()
}
