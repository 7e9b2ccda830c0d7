import { afterAll, describe, expect, it } from 'vitest'
import { createRedisBackend, type RedisBackend } from '../../src/index.js'
import { describeStoreConformance, type StoreBounds } from '../store/store-conformance.js'
import { useTestRedis } from './redis-server.js'

// The store conformance suite against the Redis store: a real redis-server of this file's own, a fresh
// key prefix per test.

const redis = useTestRedis()
const backends: RedisBackend[] = []
afterAll(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.close()))
})

let run = 0
async function backendFor(bounds: StoreBounds): Promise<RedisBackend> {
  const backend = await createRedisBackend(
    { url: redis().url, prefix: `conformance:${++run}:` },
    { appId: 'demo-app', bounds },
  )
  backends.push(backend)
  return backend
}

describeStoreConformance('redis', async (bounds) => (await backendFor(bounds)).store)

describe('redis store', () => {
  const bounds = (): StoreBounds => ({
    now: () => Date.now(),
    maxEvents: 10,
    maxAgeMs: 60_000,
    dedupeWindowMs: 60_000,
    dedupeMaxPerSender: 10,
  })

  it('lost data is a new epoch: a deleted meta (Redis restarted empty, flushed, expired) restarts the stream at 0', async () => {
    const backend = await backendFor(bounds())
    const m = { id: 'm1', sender: 'a', receiver: 'bob', text: 't', sentAt: 0 }
    const stored = await backend.store.appendMessage(m, undefined)
    expect(stored.offset).toBe(1)
    await redis().client().del(`${backend.prefix}meta:bob`)
    const after = await backend.store.position('bob')
    expect(after.offset).toBe(0)
    expect(after.epoch).not.toBe(stored.epoch)
    expect((await backend.store.readStream('bob', 0, 10)).events).toEqual([])
    expect((await backend.store.appendMessage({ ...m, id: 'm2' }, undefined)).offset).toBe(1)
  })

  it('one append is one atomic step: 50 appends from two processes to one inbox get offsets 1..50, no gap, no repeat', async () => {
    const one = await backendFor(bounds())
    const two = await createRedisBackend(
      { url: redis().url, prefix: one.prefix },
      { appId: 'demo-app', bounds: { ...bounds(), maxEvents: 100 } },
    )
    backends.push(two)
    const stored = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? one : two).store.appendMessage(
          { id: `m${i}`, sender: 'a', receiver: 'carol', text: `t${i}`, sentAt: 0 },
          undefined,
        ),
      ),
    )
    expect(stored.map((s) => s.offset).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    )
    expect(new Set(stored.map((s) => s.epoch)).size).toBe(1)
  })

  it('keeps tokens by their hash, with the token TTL as the key TTL', async () => {
    const backend = await backendFor(bounds())
    const token = 'f'.repeat(64)
    await backend.tokens.save({ token, appId: 'demo-app', uid: 'alice', expiresAt: Date.now() + 60_000 })
    const client = redis().client()
    const keys = await client.keys(`${backend.prefix}token:*`)
    expect(keys).toHaveLength(1)
    expect(keys[0]).not.toContain(token)
    const ttl = await client.pttl(keys[0] ?? '')
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    expect(await backend.tokens.get(token)).toMatchObject({ uid: 'alice' })
    expect(await backend.tokens.revoke(token)).toBe(true)
    expect(await backend.tokens.get(token)).toBeUndefined()
    expect(await backend.tokens.revoke(token)).toBe(false)
  })

  it('users: the first name wins, across processes', async () => {
    const backend = await backendFor(bounds())
    expect(await backend.users.ensure({ uid: 'dave', name: 'Dave' })).toEqual({ uid: 'dave', name: 'Dave' })
    expect(await backend.users.ensure({ uid: 'dave', name: 'Other' })).toEqual({ uid: 'dave', name: 'Dave' })
    expect(await backend.users.get('dave')).toEqual({ uid: 'dave', name: 'Dave' })
    expect(await backend.users.get('nobody')).toBeUndefined()
  })

  it('appends racing heartbeats are never taken for a rollback (no recovery reported while Redis stays up)', async () => {
    const backend = await createRedisBackend(
      { url: redis().url, prefix: `race:${++run}:`, presenceTtlMs: 90 },
      { appId: 'demo-app', bounds: bounds() },
    )
    backends.push(backend)
    const reports: string[] = []
    backend.attach({
      deliver: () => {},
      presence: () => {},
      revoked: () => {},
      outage: () => reports.push('outage'),
      recovered: (lost) => reports.push(`recovered ${lost}`),
    })
    // Heartbeats every 30 ms while appends stream on the same connection: an append answered in the
    // same chunk as a heartbeat must not look newer than what the heartbeat read.
    let beats = 0
    const client = redis().client()
    const until = Date.now() + 1_500
    for (let i = 0; Date.now() < until; i++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          backend.store.appendMessage(
            { id: `r${i}-${j}`, sender: 'a', receiver: `u${j}`, text: 't', sentAt: 0 },
            undefined,
          ),
        ),
      )
      beats = Number(await client.zcard(`${backend.prefix}procs`))
    }
    expect(beats).toBe(1)
    expect(reports).toEqual([])
  })

  it('an unreachable Redis at start is a clear error naming the URL and what to install', async () => {
    const port = redis().port + 1
    await expect(
      createRedisBackend(
        { url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 1_000 },
        { appId: 'x', bounds: bounds() },
      ),
    ).rejects.toThrow(/Cannot use Redis at redis:\/\/127\.0\.0\.1:\d+.*apt-get install redis-server/)
  })
})
