import { ErrorCodes, HISTORY_PATH, type HistoryPage, PROTOCOL_VERSION } from '@cometchat-connection/core'
import { MAX_TOKEN_LENGTH } from './decode-client-frame.js'
import { historyQuery } from './history-query.js'
import type { HttpRequest, HttpResponse, HttpResponseBody, LoginResponseBody } from './http-types.js'
import { utf8Length } from './utf8-length.js'

/** What the HTTP routes need from the server core. */
export interface AccountOperations {
  /** The one app this server serves. */
  readonly appId: string
  /** Largest accepted body, bytes. */
  readonly maxHttpBodyBytes: number
  /** Whether `authKey` is the app's key. */
  checkAuthKey(authKey: string): boolean
  /** Development login: creates the user on first use, issues a token. */
  loginWithKey(uid: string, name: string | undefined): Promise<LoginResponseBody>
  /** Token login: the token's user, or null when the token is unknown, revoked or expired. */
  loginWithToken(token: string): Promise<LoginResponseBody | null>
  /** Revokes the token (unknown tokens are fine: logging out twice is not an error). */
  logout(token: string): Promise<void>
  /** The uid a token authenticates, or null when it is unknown, revoked or expired. */
  userOfToken(token: string): Promise<string | null>
  /** One page of `uid`'s inbox (see `RealtimeServerCore.history`). */
  history(uid: string, after: string | undefined, limit: number): Promise<HistoryPage>
}

/** Longest uid and display name, UTF-16 code units. */
export const MAX_UID_LENGTH = 100

// The playground and docs run on another origin; tokens travel in bodies and the Authorization header,
// never in cookies, so `*` is safe (no credentialed request is ever needed).
const corsHeaders: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
}

function respond(
  status: number,
  body: HttpResponseBody | null,
  extra: Record<string, string> = {},
): HttpResponse {
  const headers: Record<string, string> = { ...corsHeaders, 'cache-control': 'no-store', ...extra }
  if (body !== null) headers['content-type'] = 'application/json; charset=utf-8'
  return { status, headers, body }
}

/** A JSON error answer `{ error: { code, message } }` with the API's CORS headers. */
export function failure(
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
): HttpResponse {
  return respond(status, { error: { code, message } }, extra)
}

const invalid = (message: string) => failure(400, ErrorCodes.INVALID_ARGUMENT, message)
const authFailed = (message: string) => failure(401, ErrorCodes.AUTH_FAILED, message)
/** A history request refused for its token: a 401 that says how a token is sent (`WWW-Authenticate`). */
const bearerRefused = (code: string, message: string) =>
  failure(401, code, message, { 'www-authenticate': 'Bearer' })

/** The token of an `Authorization: Bearer …` header, or null when there is none of that form. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? '')
  const token = match?.[1]
  return token !== undefined && token.length <= MAX_TOKEN_LENGTH ? token : null
}

/** `GET /v1/messages?after=ID&limit=N` with `Authorization: Bearer TOKEN`: one page of the user's inbox. */
async function history(req: HttpRequest, ops: AccountOperations): Promise<HttpResponse> {
  const query = historyQuery(req.path)
  if (typeof query === 'string') return invalid(query)
  const token = bearerToken(req.headers?.authorization)
  // No usable header is the client's mistake; a token the server does not hold is dead, and gets the
  // socket's code for it (close 4001), so one cause has one code.
  if (token === null)
    return bearerRefused(
      ErrorCodes.AUTH_FAILED,
      'Send the auth token in an "Authorization: Bearer <token>" header.',
    )
  const uid = await ops.userOfToken(token)
  if (uid === null)
    return bearerRefused(ErrorCodes.AUTH_TOKEN_INVALID, 'The auth token is unknown, expired or revoked.')
  return respond(200, await ops.history(uid, query.after, query.limit))
}

// Control characters in ids end up in logs and UIs; refusing them early keeps both readable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlChars = /[\u0000-\u001f\u007f]/

function isName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= MAX_UID_LENGTH &&
    !controlChars.test(value)
  )
}

type Json = Record<string, unknown>

function parseObject(body: string): Json | string {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return 'the body must be JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the body must be a JSON object'
  return value as Json
}

/** Validates `appId`: a 400 for a malformed one, a 401 for an unknown one, null when it is this server's. */
function checkApp(body: Json, ops: AccountOperations): HttpResponse | null {
  if (typeof body.appId !== 'string' || body.appId === '') return invalid('appId must be a non-empty string')
  if (body.appId !== ops.appId) return authFailed(`Unknown appId ${JSON.stringify(body.appId)}.`)
  return null
}

async function login(body: Json, ops: AccountOperations): Promise<HttpResponse> {
  const hasToken = body.authToken !== undefined
  const hasKey = body.uid !== undefined || body.authKey !== undefined
  if (hasToken && hasKey) return invalid('send either { uid, authKey } or { authToken }, not both')
  if (!hasToken && !hasKey) return invalid('send { appId, uid, authKey } or { appId, authToken }')
  if (hasToken) {
    if (
      typeof body.authToken !== 'string' ||
      body.authToken === '' ||
      body.authToken.length > MAX_TOKEN_LENGTH
    ) {
      return invalid('authToken must be a non-empty string')
    }
    const app = checkApp(body, ops)
    if (app) return app
    const result = await ops.loginWithToken(body.authToken)
    return result ? respond(200, result) : authFailed('The auth token is unknown, expired or revoked.')
  }
  if (!isName(body.uid)) {
    return invalid(
      `uid must be a non-empty string of at most ${MAX_UID_LENGTH} characters without control characters`,
    )
  }
  if (typeof body.authKey !== 'string') return invalid('authKey must be a string')
  if (body.name !== undefined && !isName(body.name)) {
    return invalid(
      `name must be a non-empty string of at most ${MAX_UID_LENGTH} characters without control characters`,
    )
  }
  const app = checkApp(body, ops)
  if (app) return app
  if (!ops.checkAuthKey(body.authKey)) return authFailed('Wrong auth key.')
  return respond(200, await ops.loginWithKey(body.uid, body.name))
}

async function logout(body: Json, ops: AccountOperations): Promise<HttpResponse> {
  if (typeof body.authToken !== 'string' || body.authToken === '')
    return invalid('authToken must be a non-empty string')
  const app = checkApp(body, ops)
  if (app) return app
  await ops.logout(body.authToken)
  return respond(200, { ok: true })
}

const routes: Record<string, (body: Json, ops: AccountOperations) => Promise<HttpResponse>> = {
  '/v1/login': login,
  '/v1/logout': logout,
}

/**
 * The HTTP API (`POST /v1/login`, `POST /v1/logout`, `GET /v1/messages`, `GET /v1/health`, CORS preflight) as a function of
 * the request: no sockets, no `node:http`, so the in-page transport and the Node server share it.
 */
export async function handleHttpRequest(req: HttpRequest, ops: AccountOperations): Promise<HttpResponse> {
  const method = req.method.toUpperCase()
  const path = req.path.split('?')[0] ?? ''
  if (method === 'OPTIONS') {
    // Reflect the requested headers so a client adding its own (an SDK version header …) passes preflight;
    // without a request for any, name the two the API reads (history sends Authorization).
    return respond(204, null, {
      'access-control-allow-headers':
        req.headers?.['access-control-request-headers'] ?? 'content-type, authorization',
    })
  }
  if (path === '/v1/health') {
    if (method !== 'GET')
      return failure(405, ErrorCodes.INVALID_ARGUMENT, 'Use GET.', { allow: 'GET, OPTIONS' })
    return respond(200, { ok: true, protocol: PROTOCOL_VERSION })
  }
  if (path === HISTORY_PATH) {
    if (method !== 'GET')
      return failure(405, ErrorCodes.INVALID_ARGUMENT, 'Use GET.', { allow: 'GET, OPTIONS' })
    return history(req, ops)
  }
  const route = routes[path]
  if (!route) return failure(404, ErrorCodes.INVALID_ARGUMENT, `No endpoint ${path}. See PROTOCOL.md.`)
  if (method !== 'POST')
    return failure(405, ErrorCodes.INVALID_ARGUMENT, 'Use POST.', { allow: 'POST, OPTIONS' })
  if (utf8Length(req.body) > ops.maxHttpBodyBytes) {
    return failure(413, ErrorCodes.INVALID_ARGUMENT, `The body is larger than ${ops.maxHttpBodyBytes} bytes.`)
  }
  const body = parseObject(req.body)
  if (typeof body === 'string') return invalid(body)
  return route(body, ops)
}
