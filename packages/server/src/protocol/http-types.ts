import type { HistoryPage, WireUser } from '@cometchat-connection/core'

/** An HTTP request as the protocol core sees it (the binding reads the body; the core parses it). */
export interface HttpRequest {
  /** `GET`, `POST`, `OPTIONS` … (any case). */
  method: string
  /** The request path, optionally with a query string (`/v1/login`). */
  path: string
  /** The raw body text ('' when none). */
  body: string
  /** Request headers, lower-case names (`authorization` for history, `access-control-request-headers` for CORS). */
  headers?: Readonly<Record<string, string | undefined>>
}

/** `200` body of `POST /v1/login`. */
export interface LoginResponseBody {
  user: WireUser
  authToken: string
}

/** `200` body of `POST /v1/logout`. */
export interface LogoutResponseBody {
  ok: true
}

/** `200` body of `GET /v1/health`. */
export interface HealthResponseBody {
  ok: true
  /** The protocol version the server speaks. */
  protocol: number
}

/** Body of every `4xx` answer. `code` is one of core's `ErrorCodes`. */
export interface ErrorResponseBody {
  error: { code: string; message: string }
}

/** Any JSON body the API answers with. */
export type HttpResponseBody =
  | LoginResponseBody
  | LogoutResponseBody
  | HealthResponseBody
  | HistoryPage
  | ErrorResponseBody

/** An HTTP answer: the binding writes `status`, `headers` and `JSON.stringify(body)` (nothing when `body` is null). */
export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: HttpResponseBody | null
}
