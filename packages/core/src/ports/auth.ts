import { CometChatException, errorOf } from '../errors.js'
import type { Session } from '../machine/state.js'
import { isRecord, isString, sessionOf } from '../shapes.js'

/** POSTs `body` as JSON to `path` under the server URL; a non-2xx answer throws its error. */
async function post(fetchFn: typeof fetch, serverUrl: string, path: string, body: unknown): Promise<unknown> {
  const url = new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString()
  let res: Response
  try {
    res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (cause) {
    throw errorOf('ERR_NETWORK_REQUEST_FAILED', `(${url})`, { cause })
  }
  let json: unknown = null
  try {
    json = await res.json()
  } catch {
    // no JSON body: the status tells
  }
  if (res.ok) return json
  const err = isRecord(json) && isRecord(json.error) ? json.error : {}
  throw new CometChatException(
    isString(err.code) ? err.code : 'ERR_AUTH_FAILED',
    isString(err.message) ? err.message : `The server answered HTTP ${res.status}.`,
    { status: res.status },
  )
}

/** Login over HTTP: `{uid, authKey}` (development) or `{authToken}`. */
export async function loginOverHttp(
  fetchFn: typeof fetch,
  serverUrl: string,
  appId: string,
  credentials: { uid: string; authKey: string } | { authToken: string },
): Promise<Session> {
  const answer = await post(fetchFn, serverUrl, 'v1/login', { appId, ...credentials })
  const session = sessionOf(answer)
  if (!session) throw errorOf('ERR_AUTH_FAILED', 'The login answer was malformed.', { answer })
  return session
}

/** Revokes the token on the server. Best effort: the local logout never depends on it. */
export async function logoutOverHttp(
  fetchFn: typeof fetch,
  serverUrl: string,
  appId: string,
  authToken: string,
) {
  await post(fetchFn, serverUrl, 'v1/logout', { appId, authToken })
}
