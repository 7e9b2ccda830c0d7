import { request } from 'node:http'
import { ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { useServers } from '../helpers/server-fixture.js'

const start = useServers()

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('HTTP API over node:http', () => {
  it('login → 200 { user, authToken }, token login → same user, logout → token revoked', async () => {
    const server = await start()
    const login = await postJson(`${server.url}/v1/login`, {
      appId: 'demo-app',
      uid: 'alice',
      authKey: 'demo-auth-key',
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const { user, authToken } = (await login.json()) as { user: unknown; authToken: string }
    expect(user).toEqual({ uid: 'alice', name: 'alice' })
    const again = await postJson(`${server.url}/v1/login`, { appId: 'demo-app', authToken })
    expect(await again.json()).toEqual({ user: { uid: 'alice', name: 'alice' }, authToken })
    const logout = await postJson(`${server.url}/v1/logout`, { appId: 'demo-app', authToken })
    expect(await logout.json()).toEqual({ ok: true })
    const after = await postJson(`${server.url}/v1/login`, { appId: 'demo-app', authToken })
    expect(after.status).toBe(401)
    expect(await after.json()).toEqual({
      error: { code: ErrorCodes.AUTH_FAILED, message: expect.any(String) },
    })
  })

  it('uses the configured app id and auth key', async () => {
    const server = await start({ appId: 'my-app', authKey: 'secret' })
    expect(
      (await postJson(`${server.url}/v1/login`, { appId: 'demo-app', uid: 'a', authKey: 'secret' })).status,
    ).toBe(401)
    expect(
      (await postJson(`${server.url}/v1/login`, { appId: 'my-app', uid: 'a', authKey: 'demo-auth-key' }))
        .status,
    ).toBe(401)
    expect(
      (await postJson(`${server.url}/v1/login`, { appId: 'my-app', uid: 'a', authKey: 'secret' })).status,
    ).toBe(200)
  })

  it('a malformed body → 400 ERR_INVALID_ARGUMENT with a CORS header', async () => {
    const server = await start()
    const res = await postJson(`${server.url}/v1/login`, '{oops', { origin: 'http://localhost:3000' })
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(ErrorCodes.INVALID_ARGUMENT)
  })

  it('CORS preflight from another origin → 204 with the allow headers', async () => {
    const server = await start()
    const res = await fetch(`${server.url}/v1/login`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type')
  })

  it('a body over the limit → 413, announced or streamed', async () => {
    const server = await start({ maxHttpBodyBytes: 1024 })
    const announced = await postJson(`${server.url}/v1/login`, 'x'.repeat(2048))
    expect(announced.status).toBe(413)
    // Chunked upload without content-length: the limit is enforced while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/login`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write('x'.repeat(800))
      req.end('y'.repeat(800))
    })
    expect(status).toBe(413)
  })

  it('unknown endpoints → 404, health → 200', async () => {
    const server = await start()
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404)
    expect(await (await fetch(`${server.url}/v1/health`)).json()).toEqual({ ok: true, protocol: 1 })
  })
})
