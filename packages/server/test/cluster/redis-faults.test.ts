import { CloseCodes, ErrorCodes } from '@cometchat-connection/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { httpLogin, TestClient } from '../helpers/ws-client.js'
import { rejectionCode } from '../integration/engine-harness.js'
import { startTestRedis, type TestRedis } from '../redis/redis-server.js'
import { chatUser } from './chat-user.js'
import { startCluster, type TestCluster } from './cluster.js'

// Redis faults against a real cluster: Redis stopped and started again (with its data, and empty), and
// a Redis that hangs. The server must answer with documented errors and close codes, never crash or
// drop silently, reconnect by itself, and let clients recover through reconnect-and-resume.

let redis: TestRedis
let c: TestCluster | undefined
beforeAll(async () => {
  redis = await startTestRedis()
})
afterEach(async () => {
  await c?.close()
  c = undefined
  if (!redis.running()) await redis.start()
})
afterAll(async () => {
  await redis?.dispose()
})

async function twoUsers() {
  c = await startCluster(redis, 2)
  const [p1, p2] = c.processes
  const alice = await chatUser(p1?.url ?? '', 'alice')
  const bob = await chatUser(p2?.url ?? '', 'bob')
  await alice.engine.sendMessage('bob', 'before')
  await bob.waitFor(() => bob.messages.length === 1, 'the first message')
  return { cluster: c, p1, p2, alice, bob }
}

describe('Redis stopped and started again', () => {
  it('with its data: meanwhile sends fail with ERR_SERVER_ERROR, logins get 503, new sockets 4013; afterwards every client resumes with nothing lost', async () => {
    const { p1, p2, alice, bob } = await twoUsers()
    const { authToken } = await httpLogin(p1?.url ?? '', 'carol')
    const raw = await TestClient.authed(p1?.socketUrl ?? '', authToken)
    await redis.stop({ save: true })

    // A send is refused out loud (the app's promise rejects), never stored-and-lost.
    expect(await rejectionCode(alice.engine.sendMessage('bob', 'during'))).toBe(ErrorCodes.SERVER_ERROR)
    const login = await fetch(`${p1?.url}/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: 'demo-app', uid: 'dave', authKey: 'demo-auth-key' }),
    })
    expect(login.status).toBe(503)
    expect(login.headers.get('retry-after')).toBe('2')
    const late = await TestClient.open(p2?.socketUrl ?? '')
    late.send({ type: 'auth', v: 1, authToken })
    expect(await late.closed).toEqual({
      code: CloseCodes.TRY_AGAIN_LATER,
      reason: 'store unavailable; retry after 2000 ms',
    })

    const aliceConnects = alice.events.filter((e) => e === 'connected').length
    const bobConnects = bob.events.filter((e) => e === 'connected').length
    await redis.start()
    // Back: every socket is closed with 1012 (live events of the outage may have been missed) and
    // its client comes back at once and resumes.
    expect(await raw.closed).toEqual({
      code: CloseCodes.SERVICE_RESTART,
      reason: 'store reconnected; resume',
    })
    await Promise.all([alice.event('connected', aliceConnects + 1), bob.event('connected', bobConnects + 1)])
    await alice.engine.sendMessage('bob', 'after')
    await bob.waitFor(() => bob.messages.length === 2, 'the message sent after')
    expect(bob.texts()).toEqual(['before', 'after'])
    expect(bob.losses).toEqual([])
    expect(bob.resumes.at(-1)).toEqual({ replayed: 0 })
    // carol's token (issued before the outage) still works.
    await (await TestClient.authed(p2?.socketUrl ?? '', authToken)).close()
  })

  it('empty (its data lost): connected clients keep their sessions and see the documented reset (epoch), not a silent gap', async () => {
    const { alice, bob } = await twoUsers()
    const before = bob.messages[0]?.id
    await redis.stop()
    await redis.start()
    await bob.waitFor(() => bob.losses.length === 1, 'the reset')
    expect(bob.losses).toEqual([{ reason: 'epoch', lastDeliveredMessageId: before }])
    await bob.status('connected')
    expect(bob.engine.getSnapshot().user?.uid).toBe('bob')
    await alice.status('connected')
    await alice.engine.sendMessage('bob', 'after')
    await bob.waitFor(() => bob.messages.length === 2, 'the message sent after')
    expect(bob.texts()).toEqual(['before', 'after'])
  })
})

describe('Redis restored from an older snapshot (a rollback)', () => {
  it('what was stored after the snapshot is gone: clients see the epoch reset, and offsets are never reused', async () => {
    const { alice, bob } = await twoUsers()
    await redis.snapshot()
    await alice.engine.sendMessage('bob', 'after the snapshot')
    await bob.waitFor(() => bob.messages.length === 2, 'the second message')
    const last = bob.messages[1]?.id
    await redis.stop({ keepSnapshot: true })
    await redis.start()
    // Redis now says bob's inbox ends at offset 1 under the old epoch: reusing offset 2 for the next
    // message would be a silent gap. The processes saw a higher append count before: a rollback.
    await bob.waitFor(() => bob.losses.length === 1, 'the reset')
    expect(bob.losses).toEqual([{ reason: 'epoch', lastDeliveredMessageId: last }])
    await Promise.all([alice.status('connected'), bob.status('connected')])
    await alice.engine.sendMessage('bob', 'next')
    await bob.waitFor(() => bob.messages.length === 3, 'the next message')
    expect(bob.texts()).toEqual(['before', 'after the snapshot', 'next'])
  })
})

describe('a Redis that hangs', () => {
  it('a socket authenticating while Redis does not answer is closed 4013 with a retry hint within the deadline, not left hanging', async () => {
    c = await startCluster(redis, 1)
    const [p1] = c.processes
    const { authToken } = await httpLogin(p1?.url ?? '', 'alice')
    const admin = redis.client()
    await admin.call('CLIENT', 'PAUSE', '3000', 'ALL')
    const client = await TestClient.open(p1?.socketUrl ?? '')
    client.send({ type: 'auth', v: 1, authToken })
    expect(await client.closed).toEqual({
      code: CloseCodes.TRY_AGAIN_LATER,
      reason: 'store unavailable; retry after 2000 ms',
    })
    await admin.call('CLIENT', 'UNPAUSE')
    await (await TestClient.authed(p1?.socketUrl ?? '', authToken)).close()
  })
})
