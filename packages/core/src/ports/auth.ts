import { CometChatException, errorOf } from '../errors.js'
import type { WireUser } from '../protocol.js'

/** What login returns. */
export interface LoginResult {
  readonly user: WireUser
  readonly authToken: string
}

function httpUrl(serverUrl: string, path: string): string {
  return new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString()
}

async function post(fetchFn: typeof fetch, url: string, body: unknown): Promise<unknown> {
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
    json = null
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error
    const code = typeof err?.code === 'string' ? err.code : 'ERR_AUTH_FAILED'
    const message = typeof err?.message === 'string' ? err.message : `The server answered HTTP ${res.status}.`
    throw new CometChatException(code, message, { status: res.status })
  }
  return json
}

/** Login over HTTP: `{uid, authKey}` (development) or `{authToken}`. */
export async function loginOverHttp(
  fetchFn: typeof fetch,
  serverUrl: string,
  appId: string,
  credentials: { uid: string; authKey: string } | { authToken: string },
): Promise<LoginResult> {
  const json = await post(fetchFn, httpUrl(serverUrl, 'v1/login'), { appId, ...credentials })
  const r = json as { user?: { uid?: unknown; name?: unknown }; authToken?: unknown } | null
  if (
    !r ||
    typeof r.authToken !== 'string' ||
    typeof r.user?.uid !== 'string' ||
    typeof r.user.name !== 'string'
  ) {
    throw errorOf('ERR_AUTH_FAILED', 'The login answer was malformed.', { answer: json })
  }
  return { user: { uid: r.user.uid, name: r.user.name }, authToken: r.authToken }
}

/** Revokes the token on the server. Best effort: the local logout never depends on it. */
export async function logoutOverHttp(
  fetchFn: typeof fetch,
  serverUrl: string,
  appId: string,
  authToken: string,
) {
  await post(fetchFn, httpUrl(serverUrl, 'v1/logout'), { appId, authToken })
}
