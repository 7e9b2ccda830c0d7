import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { createControllableAppState, createControllableNetwork } from '../ports/controllable.js'
import { AppSettingsBuilder } from '../settings.js'
import { FakeClock, FakeSocket, fakeFetch, flush, harness, outcome } from './harness.js'

// Login over HTTP: a deadline on every request, a logout never held back by a hung login, and a failed
// login visible in the snapshot (issue "Safe and smooth", issue "The first chat screen").

function engineWith(fetch: typeof globalThis.fetch, timeout = 5_000) {
  const clock = new FakeClock()
  const engine = createConnectionEngine({
    appId: 'test-app',
    settings: new AppSettingsBuilder().setServerUrl('http://127.0.0.1:4455').setHttpTimeout(timeout).build(),
    platform: {
      WebSocket: FakeSocket,
      fetch,
      clock,
      appState: createControllableAppState(),
      network: createControllableNetwork(),
    },
  })
  return { engine, clock }
}

const hang: typeof fetch = () => new Promise<Response>(() => {})

describe('login and logout over HTTP', () => {
  it('a server that never answers: login() rejects ERR_NETWORK_REQUEST_FAILED at its deadline, not before', async () => {
    const { engine, clock } = engineWith(hang)
    const p = engine.login('alice', 'demo-auth-key')
    await flush()
    expect(engine.getSnapshot().loggingIn).toBe(true)
    clock.advance(4_999)
    expect(await outcome(p)).toBe('pending')
    clock.advance(1)
    expect(await outcome(p)).toEqual({ ok: false, code: 'ERR_NETWORK_REQUEST_FAILED' })
    expect(engine.getSnapshot()).toMatchObject({
      loggingIn: false,
      lastError: { code: 'ERR_NETWORK_REQUEST_FAILED' },
    })
    expect(clock.pending).toBe(0)
  })

  it('headers that arrive with a body that never ends also hit the deadline', async () => {
    const stalled: typeof fetch = async () =>
      new Response(new ReadableStream({ start() {} }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    const { engine, clock } = engineWith(stalled)
    const p = engine.login('alice', 'demo-auth-key')
    await flush()
    clock.advance(5_000)
    expect(await outcome(p)).toEqual({ ok: false, code: 'ERR_NETWORK_REQUEST_FAILED' })
  })

  it('a 200 answer whose body breaks off is a failed request (ERR_NETWORK_REQUEST_FAILED), not a refused login', async () => {
    const cut: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"user":{"uid":"al'))
            c.error(new Error('socket hang up'))
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    const { engine } = engineWith(cut)
    expect(await outcome(engine.login('alice', 'demo-auth-key'))).toEqual({
      ok: false,
      code: 'ERR_NETWORK_REQUEST_FAILED',
    })
  })

  it('logout() during a hung login() is not held back: it resolves, and the login rejects ERR_CANCELLED', async () => {
    const { engine } = engineWith(hang, 60_000)
    const login = engine.login('alice', 'demo-auth-key')
    await flush()
    const logout = engine.logout()
    expect(await outcome(logout)).toEqual({ ok: true, value: undefined })
    expect(await outcome(login)).toEqual({ ok: false, code: 'ERR_CANCELLED' })
    expect(engine.getSnapshot()).toMatchObject({ loggingIn: false, lastError: null, user: null })
  })

  it('a wrong auth key is in the snapshot (lastError ERR_AUTH_FAILED) without catching; a new login clears it', async () => {
    let calls = 0
    const answerThenHang: typeof fetch = (url, init) =>
      ++calls === 1 ? fakeFetch()(url, init) : hang(url, init)
    const { engine } = engineWith(answerThenHang)
    const failed = engine.login('carol', 'wrong-key')
    expect(await outcome(failed)).toEqual({ ok: false, code: 'ERR_AUTH_FAILED' })
    expect(engine.getSnapshot().lastError?.code).toBe('ERR_AUTH_FAILED')
    void engine.login('carol', 'demo-auth-key').catch(() => {})
    await flush()
    expect(engine.getSnapshot()).toMatchObject({ loggingIn: true, lastError: null })
  })

  it('a bare uid refused as a token says what was probably meant', async () => {
    const h = harness()
    const e = await h.engine.login('alice').then(
      () => new Error('login passed'),
      (x: Error) => x,
    )
    expect(e.message).toMatch(/If "alice" is a uid, pass the auth key too: login\(uid, authKey\)/)
  })

  it('object forms: { uid, authKey } and { authToken }; malformed ones get ERR_INVALID_ARGUMENT in state', async () => {
    const h = harness()
    expect(await h.engine.login({ uid: 'alice', authKey: 'demo-auth-key' })).toEqual({
      uid: 'alice',
      name: 'alice',
    })
    expect(await h.engine.login({ authToken: 'tok-bob' })).toEqual({ uid: 'bob', name: 'bob' })
    expect(h.fetch.calls.at(-1)?.body).toEqual({ appId: 'test-app', authToken: 'tok-bob' })
    const bad = await outcome(h.engine.login({ uid: 'alice', authKey: '' }))
    expect(bad).toEqual({ ok: false, code: 'ERR_INVALID_ARGUMENT' })
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_INVALID_ARGUMENT')
  })

  it('without platform.fetch, the global fetch is called on globalThis (browsers refuse it unbound)', async () => {
    const g = globalThis as { fetch?: unknown }
    const saved = g.fetch
    const callers: unknown[] = []
    const server = fakeFetch()
    g.fetch = function (this: unknown, input: string, init?: RequestInit) {
      callers.push(this)
      return server(input, init)
    }
    try {
      const engine = createConnectionEngine({
        appId: 'x',
        platform: { WebSocket: FakeSocket, clock: new FakeClock() },
      })
      await expect(engine.login('alice', 'demo-auth-key')).resolves.toMatchObject({ uid: 'alice' })
      expect(callers).toEqual([globalThis])
      engine.destroy()
    } finally {
      g.fetch = saved
    }
  })

  it('no fetch at all (an old runtime): login() rejects ERR_INVALID_ARGUMENT naming platform.fetch', async () => {
    const g = globalThis as { fetch?: unknown }
    const saved = g.fetch
    g.fetch = undefined
    try {
      const engine = createConnectionEngine({
        appId: 'x',
        platform: { WebSocket: FakeSocket, clock: new FakeClock() },
      })
      const e = await engine.login('alice', 'k').catch((x: Error & { code: string }) => x)
      expect(e).toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
        message: 'Invalid platform.fetch: expected a fetch implementation, got undefined.',
      })
    } finally {
      g.fetch = saved
    }
  })
})
