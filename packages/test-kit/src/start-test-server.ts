import type { WireUser } from '@cometchat-connection/core'
import { type RunningServer, type StartServerOptions, startServer } from '@cometchat-connection/server'

/** A running server with helpers for tests. */
export interface TestServer extends RunningServer {
  /** The app id it serves. */
  readonly appId: string
  /** Its development auth key. */
  readonly authKey: string
  /** Development login over HTTP (`POST /v1/login`); throws with the server's error on failure. */
  login(uid: string, name?: string): Promise<{ user: WireUser; authToken: string }>
}

/**
 * Starts `@cometchat-connection/server`'s `startServer()` with test defaults (a free port on
 * 127.0.0.1, `demo-app` / `demo-auth-key`) and adds `login()`. Every `startServer()` option passes
 * through. Always `await server.close()` (e.g. in `afterEach`) so the test run exits cleanly.
 *
 * @example
 * ```ts
 * const server = await startTestServer()
 * const { authToken } = await server.login('alice')
 * await server.close()
 * ```
 */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const appId = options.appId ?? 'demo-app'
  const authKey = options.authKey ?? 'demo-auth-key'
  const server = await startServer({ port: 0, host: '127.0.0.1', ...options, appId, authKey })
  return {
    ...server,
    appId,
    authKey,
    async login(uid, name) {
      const response = await fetch(`${server.url}/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(name === undefined ? { appId, uid, authKey } : { appId, uid, authKey, name }),
      })
      const body = (await response.json()) as
        | { user: WireUser; authToken: string }
        | { error: { message: string } }
      if ('error' in body) throw new Error(`login(${uid}) failed: ${response.status} ${body.error.message}`)
      return body
    },
  }
}
