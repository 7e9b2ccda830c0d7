import { ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { type HttpResponse, type LoginResponseBody, RealtimeServerCore } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'

const post = (core: RealtimeServerCore, path: string, body: unknown) =>
  core.handleHttp({ method: 'POST', path, body: typeof body === 'string' ? body : JSON.stringify(body) })

const errorCode = (res: HttpResponse) => (res.body && 'error' in res.body ? res.body.error.code : null)

describe('POST /v1/login', () => {
  it('development login creates the user on first use (name = uid) and returns a 256-bit token', async () => {
    const core = new RealtimeServerCore()
    const res = await post(core, '/v1/login', { appId: 'demo-app', uid: 'alice', authKey: 'demo-auth-key' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      user: { uid: 'alice', name: 'alice' },
      authToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(core.knownUsers()).toEqual([{ uid: 'alice', name: 'alice' }])
  })

  it('uses a given name on creation and keeps the user on later logins, with a new token each time', async () => {
    const core = new RealtimeServerCore()
    const first = await post(core, '/v1/login', {
      appId: 'demo-app',
      uid: 'bob',
      authKey: 'demo-auth-key',
      name: 'Bob B.',
    })
    const second = await post(core, '/v1/login', { appId: 'demo-app', uid: 'bob', authKey: 'demo-auth-key' })
    expect((first.body as LoginResponseBody).user).toEqual({ uid: 'bob', name: 'Bob B.' })
    expect((second.body as LoginResponseBody).user).toEqual({ uid: 'bob', name: 'Bob B.' })
    expect((first.body as LoginResponseBody).authToken).not.toBe((second.body as LoginResponseBody).authToken)
  })

  it('token login returns the same user and token', async () => {
    const core = new RealtimeServerCore()
    const { authToken } = await core.createSession('carol')
    const res = await post(core, '/v1/login', { appId: 'demo-app', authToken })
    expect(res).toMatchObject({ status: 200, body: { user: { uid: 'carol', name: 'carol' }, authToken } })
  })

  it.each([
    ['a wrong auth key', { appId: 'demo-app', uid: 'a', authKey: 'wrong' }],
    ['an unknown app', { appId: 'other', uid: 'a', authKey: 'demo-auth-key' }],
    ['an unknown token', { appId: 'demo-app', authToken: 'f'.repeat(64) }],
  ])('%s → 401 ERR_AUTH_FAILED', async (_what, body) => {
    const res = await post(new RealtimeServerCore(), '/v1/login', body)
    expect(res.status).toBe(401)
    expect(errorCode(res)).toBe(ErrorCodes.AUTH_FAILED)
  })

  it('an expired token → 401', async () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({ clock, tokenTtlMs: 1000 })
    const { authToken } = await core.createSession('a')
    clock.advance(1000)
    expect((await post(core, '/v1/login', { appId: 'demo-app', authToken })).status).toBe(401)
  })

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no appId', { uid: 'a', authKey: 'k' }],
    ['an empty appId', { appId: '', uid: 'a', authKey: 'k' }],
    ['neither uid nor token', { appId: 'demo-app' }],
    ['both uid and token', { appId: 'demo-app', uid: 'a', authKey: 'demo-auth-key', authToken: 't' }],
    ['an empty uid', { appId: 'demo-app', uid: '', authKey: 'demo-auth-key' }],
    ['a numeric uid', { appId: 'demo-app', uid: 5, authKey: 'demo-auth-key' }],
    ['a uid with a newline', { appId: 'demo-app', uid: 'a\nb', authKey: 'demo-auth-key' }],
    ['a 101-character uid', { appId: 'demo-app', uid: 'u'.repeat(101), authKey: 'demo-auth-key' }],
    ['a missing auth key', { appId: 'demo-app', uid: 'a' }],
    ['an empty name', { appId: 'demo-app', uid: 'a', authKey: 'demo-auth-key', name: ' ' }],
    ['a numeric token', { appId: 'demo-app', authToken: 1 }],
  ])('%s → 400 ERR_INVALID_ARGUMENT', async (_what, body) => {
    const res = await post(new RealtimeServerCore(), '/v1/login', body)
    expect(res.status).toBe(400)
    expect(errorCode(res)).toBe(ErrorCodes.INVALID_ARGUMENT)
  })

  it('a body over maxHttpBodyBytes → 413', async () => {
    const core = new RealtimeServerCore({ maxHttpBodyBytes: 50 })
    const res = await post(core, '/v1/login', { appId: 'demo-app', uid: 'x'.repeat(60), authKey: 'k' })
    expect(res.status).toBe(413)
  })
})

describe('POST /v1/logout', () => {
  it('revokes the token: token login and socket auth fail afterwards', async () => {
    const core = new RealtimeServerCore()
    const { authToken } = await core.createSession('dan')
    const res = await post(core, '/v1/logout', { appId: 'demo-app', authToken })
    expect(res).toMatchObject({ status: 200, body: { ok: true } })
    expect((await post(core, '/v1/login', { appId: 'demo-app', authToken })).status).toBe(401)
  })

  it('is idempotent: an unknown token is fine', async () => {
    const res = await post(new RealtimeServerCore(), '/v1/logout', {
      appId: 'demo-app',
      authToken: 'unknown',
    })
    expect(res.status).toBe(200)
  })

  it('validates its body and app', async () => {
    const core = new RealtimeServerCore()
    expect((await post(core, '/v1/logout', { appId: 'demo-app' })).status).toBe(400)
    expect((await post(core, '/v1/logout', { appId: 'nope', authToken: 't' })).status).toBe(401)
  })
})

describe('routing and CORS', () => {
  it('answers a preflight with 204 and CORS headers reflecting the requested headers', async () => {
    const res = await new RealtimeServerCore().handleHttp({
      method: 'OPTIONS',
      path: '/v1/login',
      body: '',
      headers: { 'access-control-request-headers': 'content-type, x-sdk' },
    })
    expect(res.status).toBe(204)
    expect(res.body).toBeNull()
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-sdk',
    })
  })

  it('every answer carries the CORS origin header, errors included', async () => {
    const core = new RealtimeServerCore()
    for (const res of [
      await post(core, '/v1/login', '{'),
      await post(core, '/v1/nothing', {}),
      await core.handleHttp({ method: 'GET', path: '/v1/health', body: '' }),
    ]) {
      expect(res.headers['access-control-allow-origin']).toBe('*')
    }
  })

  it('unknown path → 404, wrong method → 405 with Allow, health → 200', async () => {
    const core = new RealtimeServerCore()
    expect((await post(core, '/v2/login', {})).status).toBe(404)
    const wrong = await core.handleHttp({ method: 'GET', path: '/v1/login', body: '' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.allow).toBe('POST, OPTIONS')
    expect(await core.handleHttp({ method: 'get', path: '/v1/health?x=1', body: '' })).toMatchObject({
      status: 200,
      body: { ok: true, protocol: 1 },
    })
  })
})
