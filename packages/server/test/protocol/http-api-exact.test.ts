import { ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { type HttpRequest, type HttpResponse, RealtimeServerCore } from '../../src/browser.js'
import { MAX_TOKEN_LENGTH } from '../../src/protocol/decode-client-frame.js'

// The HTTP API's answers in full: status, the error a developer reads, and the headers, for each
// malformed request, at the limits' edges.

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
  'cache-control': 'no-store',
}
const json = { ...cors, 'content-type': 'application/json; charset=utf-8' }
const fail = (status: number, message: string, code: string = ErrorCodes.INVALID_ARGUMENT, extra = {}) => ({
  status,
  headers: { ...json, ...extra },
  body: { error: { code, message } },
})

function api(options: ConstructorParameters<typeof RealtimeServerCore>[0] = {}) {
  const core = new RealtimeServerCore(options)
  const call = (req: Partial<HttpRequest>): Promise<HttpResponse> =>
    core.handleHttp({ method: 'POST', path: '/v1/login', body: '', ...req } as HttpRequest)
  const post = (path: string, body: unknown) =>
    call({ path, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { core, call, post }
}

const appId = 'demo-app'
const authKey = 'demo-auth-key'

describe('the HTTP API, exactly', () => {
  it('routes: health, unknown paths, wrong methods, preflight', async () => {
    const { call } = api()
    expect(await call({ method: 'GET', path: '/v1/health' })).toEqual({
      status: 200,
      headers: json,
      body: { ok: true, protocol: 1 },
    })
    expect(await call({ method: 'POST', path: '/v1/health' })).toEqual(
      fail(405, 'Use GET.', undefined, { allow: 'GET, OPTIONS' }),
    )
    expect(await call({ method: 'POST', path: '/v1/messages' })).toEqual(
      fail(405, 'Use GET.', undefined, { allow: 'GET, OPTIONS' }),
    )
    expect(await call({ method: 'POST', path: '/v1/nope' })).toEqual(
      fail(404, 'No endpoint /v1/nope. See PROTOCOL.md.'),
    )
    expect(await call({ method: 'GET', path: '/v1/login' })).toEqual(
      fail(405, 'Use POST.', undefined, { allow: 'POST, OPTIONS' }),
    )
    expect(await call({ method: 'get', path: '/v1/health?x=1' })).toMatchObject({ status: 200 })
    expect(await call({ method: 'OPTIONS', path: '/v1/login' })).toEqual({
      status: 204,
      headers: { ...cors, 'access-control-allow-headers': 'content-type, authorization' },
      body: null,
    })
    expect(
      (
        await call({
          method: 'OPTIONS',
          path: '/v1/login',
          headers: { 'access-control-request-headers': 'x-sdk' },
        })
      ).headers['access-control-allow-headers'],
    ).toBe('x-sdk')
  })

  it('bodies: the size limit is inclusive; JSON objects only', async () => {
    const { post } = api({ maxHttpBodyBytes: 100 })
    const exact = JSON.stringify({ appId, uid: 'a', authKey, pad: '' })
    const padded = (n: number) => JSON.stringify({ appId, uid: 'a', authKey, pad: 'p'.repeat(n) })
    const fits = padded(100 - exact.length)
    expect(fits.length).toBe(100)
    expect((await post('/v1/login', fits)).status).toBe(200)
    expect(await post('/v1/login', padded(101 - exact.length))).toEqual(
      fail(413, 'The body is larger than 100 bytes.'),
    )
    const { post: p } = api()
    expect(await p('/v1/login', '{')).toEqual(fail(400, 'the body must be JSON'))
    for (const b of ['[]', 'null', '3', '"x"'])
      expect(await p('/v1/login', b)).toEqual(fail(400, 'the body must be a JSON object'))
  })

  it('login: exactly one of the two forms, each field checked, then the app, then the key', async () => {
    const { post } = api()
    expect(await post('/v1/login', { appId, authToken: 't', uid: 'a' })).toEqual(
      fail(400, 'send either { uid, authKey } or { authToken }, not both'),
    )
    expect(await post('/v1/login', { appId, authToken: 't', authKey })).toEqual(
      fail(400, 'send either { uid, authKey } or { authToken }, not both'),
    )
    expect(await post('/v1/login', { appId })).toEqual(
      fail(400, 'send { appId, uid, authKey } or { appId, authToken }'),
    )
    for (const authToken of ['', 5, 'x'.repeat(MAX_TOKEN_LENGTH + 1)])
      expect(await post('/v1/login', { appId, authToken })).toEqual(
        fail(400, 'authToken must be a non-empty string'),
      )
    expect(await post('/v1/login', { appId, authToken: 'x'.repeat(MAX_TOKEN_LENGTH) })).toEqual(
      fail(401, 'The auth token is unknown, expired or revoked.', ErrorCodes.AUTH_FAILED),
    )
    expect(await post('/v1/login', { appId: 'other', authToken: 't' })).toEqual(
      fail(401, 'Unknown appId "other".', ErrorCodes.AUTH_FAILED),
    )
    expect(await post('/v1/login', { authToken: 't' })).toEqual(fail(400, 'appId must be a non-empty string'))
    expect(await post('/v1/login', { appId: '', authToken: 't' })).toEqual(
      fail(400, 'appId must be a non-empty string'),
    )
    const uid = 'uid must be a non-empty string of at most 100 characters without control characters'
    for (const bad of ['', '  ', 'a\u0000b', 'x\u007f', 'u'.repeat(101), 7])
      expect(await post('/v1/login', { appId, uid: bad, authKey })).toEqual(fail(400, uid))
    expect((await post('/v1/login', { appId, uid: 'u'.repeat(100), authKey })).status).toBe(200)
    expect(await post('/v1/login', { appId, uid: 'a' })).toEqual(fail(400, 'authKey must be a string'))
    expect(await post('/v1/login', { appId, authKey })).toEqual(fail(400, uid))
    expect(await post('/v1/login', { appId, uid: 'a', authKey, name: '' })).toEqual(
      fail(400, uid.replace('uid', 'name')),
    )
    expect(await post('/v1/login', { appId, uid: 'a', authKey: 'no' })).toEqual(
      fail(401, 'Wrong auth key.', ErrorCodes.AUTH_FAILED),
    )
  })

  it('logout: a token, then the app', async () => {
    const { post, core } = api()
    for (const authToken of ['', 3, undefined])
      expect(await post('/v1/logout', { appId, authToken })).toEqual(
        fail(400, 'authToken must be a non-empty string'),
      )
    expect(await post('/v1/logout', { appId: 'x', authToken: 't' })).toEqual(
      fail(401, 'Unknown appId "x".', ErrorCodes.AUTH_FAILED),
    )
    const { authToken } = await core.createSession('alice')
    expect(await post('/v1/logout', { appId, authToken })).toEqual({
      status: 200,
      headers: json,
      body: { ok: true },
    })
  })

  it('history: a Bearer token (any case, spaces around), refused with a WWW-Authenticate header otherwise', async () => {
    const { call, core } = api()
    const { authToken } = await core.createSession('alice')
    const get = (authorization?: string) =>
      call({
        method: 'GET',
        path: '/v1/messages',
        headers: authorization === undefined ? {} : { authorization },
      })
    const missing = fail(
      401,
      'Send the auth token in an "Authorization: Bearer <token>" header.',
      ErrorCodes.AUTH_FAILED,
      {
        'www-authenticate': 'Bearer',
      },
    )
    for (const h of [
      undefined,
      '',
      authToken,
      `Basic ${authToken}`,
      `Bearer`,
      `Bearer ${authToken} x`,
      `xBearer ${authToken}`,
    ])
      expect(await get(h), String(h)).toEqual(missing)
    expect(await call({ method: 'GET', path: '/v1/messages' })).toEqual(missing)
    expect(await get(`Bearer ${'t'.repeat(MAX_TOKEN_LENGTH + 1)}`)).toEqual(missing)
    expect(await get(`Bearer ${'t'.repeat(MAX_TOKEN_LENGTH)}`)).toEqual(
      fail(401, 'The auth token is unknown, expired or revoked.', ErrorCodes.AUTH_TOKEN_INVALID, {
        'www-authenticate': 'Bearer',
      }),
    )
    for (const h of [`Bearer ${authToken}`, `bearer   ${authToken}  `])
      expect((await get(h)).status, h).toBe(200)
  })
})
