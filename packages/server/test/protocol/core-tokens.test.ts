import { CloseCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { createMemoryTokenStore, RealtimeServerCore, type TokenStore } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, openFake, settle } from '../helpers/fake-connection.js'

// Tokens and keys in the protocol core: what each refusal says, deadlines on a hung token store, and
// what a shutdown tells the sockets.

const post = (core: RealtimeServerCore, body: object) =>
  core.handleHttp({ method: 'POST', path: '/v1/login', body: JSON.stringify(body) })

describe('tokens, keys and shutdown', () => {
  it('an auth key of the right length but one wrong character is refused (the comparison reads it all)', async () => {
    const core = new RealtimeServerCore()
    for (const authKey of ['demo-auth-kez', 'Demo-auth-key', 'demo-auth-ke', 'demo-auth-keyy', ''])
      expect((await post(core, { appId: 'demo-app', uid: 'a', authKey })).status, authKey).toBe(401)
    expect((await post(core, { appId: 'demo-app', uid: 'a', authKey: 'demo-auth-key' })).status).toBe(200)
  })

  it('a token issued for another app (a shared token store) is refused like an unknown one; an expired one says so', async () => {
    const clock = new FakeClock()
    const tokenStore = createMemoryTokenStore({ now: () => clock.now() })
    const other = new RealtimeServerCore({ clock, appId: 'other-app', tokenStore })
    const core = new RealtimeServerCore({ clock, tokenStore, tokenTtlMs: 1_000 })
    const { authToken } = await other.createSession('alice')
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken })
    await settle()
    expect(conn.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'invalid auth token' })
    const mine = await core.createSession('bob')
    clock.advance(1_000)
    const late = openFake(core)
    late.sendFrame({ type: 'auth', v: 1, authToken: mine.authToken })
    await settle()
    expect(late.closed?.code).toBe(CloseCodes.AUTH_FAILED)
  })

  it('a token store that hangs: each operation rejects at the store deadline, naming what it was doing', async () => {
    const clock = new FakeClock()
    const hung: TokenStore = {
      save: () => new Promise(() => {}),
      get: () => new Promise(() => {}),
      revoke: () => new Promise(() => {}),
    }
    const core = new RealtimeServerCore({ clock, tokenStore: hung, storeTimeoutMs: 500 })
    const saving = core.createSession('alice').catch((e: Error) => e.message)
    const revoking = core.revokeToken('t').catch((e: Error) => e.message)
    await settle()
    clock.advance(500)
    expect(await saving).toBe('saving a token took longer than 500 ms')
    expect(await revoking).toBe('revoking a token took longer than 500 ms')
    const conn = openFake(core)
    conn.sendFrame({ type: 'auth', v: 1, authToken: 't' })
    await settle()
    clock.advance(500)
    await settle()
    expect(conn.closed).toEqual({
      code: CloseCodes.TRY_AGAIN_LATER,
      reason: 'store unavailable; retry after 2000 ms',
    })
  })

  it('shutdown: 1001 "server shutting down" (or 1012 "server restarting"), and new sockets get the same', async () => {
    const core = new RealtimeServerCore()
    const alice = await connectUser(core, 'alice')
    core.shutdown()
    expect(alice.conn.closed).toEqual({ code: CloseCodes.GOING_AWAY, reason: 'server shutting down' })
    expect(openFake(core).closed).toEqual({ code: CloseCodes.GOING_AWAY, reason: 'server shutting down' })
    const other = new RealtimeServerCore()
    const bob = await connectUser(other, 'bob')
    other.shutdown({ restart: true })
    expect(bob.conn.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'server restarting' })
  })

  it("every socket's server pings carry its own id", async () => {
    const clock = new FakeClock()
    const core = new RealtimeServerCore({ clock, idleTimeoutMs: 10_000, serverPingAfterMs: 1_000 })
    const conns = [await connectUser(core, 'a'), await connectUser(core, 'b'), await connectUser(core, 'c')]
    clock.advance(1_000)
    const ids = conns.map((c) => c.conn.ofType('ping')[0]?.id)
    expect(ids.every((id) => /^s\d+-1$/.test(id ?? ''))).toBe(true)
    expect(new Set(ids).size).toBe(3)
  })
})
