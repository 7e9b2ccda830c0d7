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
 * - errors: `4xx { error: { code, message } }`
 *
 * WebSocket: `ws(s)://host/v1/ws?appId=APP`. The auth token never travels in the URL: the
 * client's first frame is {@link AuthFrame}. Frames before auth are refused.
 *
 * @packageDocumentation
 */

/** Protocol version carried in the auth frame and the HTTP path. */
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

/** Client → server: the first frame on every socket. */
export interface AuthFrame {
  type: 'auth'
  /** Protocol version the client speaks. */
  v: number
  /** The auth token returned by `POST /v1/login`. */
  authToken: string
  /** When true the server sends presence of every user of the app. */
  presence?: boolean
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
}

/** Server → client: authentication succeeded; the socket is now usable. */
export interface AuthOkFrame {
  type: 'auth-ok'
  user: WireUser
  /** Server time, epoch ms. */
  serverTime: number
  /** Server idle timeout in ms: a socket with no frame from the client for this long is closed. */
  idleTimeoutMs: number
}

/** Server → client: a stored message, either for its receiver or as the ack to its sender. */
export interface MessageFrame {
  type: 'message'
  message: WireTextMessage
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

/**
 * WebSocket close codes the server uses (4000–4999 is the application range).
 * The engine maps each to its behaviour; see the docs' protocol page.
 */
export const CloseCodes = {
  /** Normal close (logout, client asked). */
  NORMAL: 1000,
  /** Server shutting down (SIGINT/SIGTERM); the client reconnects with backoff. */
  GOING_AWAY: 1001,
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
} as const

/** Builds the socket URL from the server's http(s) base URL and the app id. */
export function socketUrlFor(serverUrl: string, appId: string): string {
  const url = new URL(SOCKET_PATH.slice(1), serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.search = `appId=${encodeURIComponent(appId)}`
  return url.toString()
}
