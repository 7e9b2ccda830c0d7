import { CloseCodes, type PresenceFrame } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { httpLogin, TestClient } from '../helpers/ws-client.js'
import { useTestRedis } from '../redis/redis-server.js'
import { chatUser, texts } from './chat-user.js'
import { useClusters } from './cluster.js'

// N real server processes (the built server) on one real redis-server, engines spread across them.
// Each test has its own cluster and key prefix; this file has its own Redis.

const cluster = useClusters(useTestRedis())

async function sendAll(user: Awaited<ReturnType<typeof chatUser>>, to: string, list: string[]) {
  for (const text of list) await user.engine.sendMessage(to, text)
}

describe('a cluster of server processes on Redis', () => {
  it('A on process 1 sends to B on process 2: B gets every message live, in order, once; it is in B’s inbox too', async () => {
    const c = await cluster(2)
    const [p1, p2] = c.processes
    const alice = await chatUser(p1?.url ?? '', 'alice')
    const bob = await chatUser(p2?.url ?? '', 'bob')
    const sent = texts('m', 20)
    await Promise.all(sent.map((text) => alice.engine.sendMessage('bob', text)))
    await bob.waitFor(() => bob.messages.length >= 20, '20 messages')
    expect(bob.texts()).toEqual(sent)
    expect(bob.messages.every((m) => m.replayed !== true)).toBe(true)
    const { authToken } = await httpLogin(p1?.url ?? '', 'bob')
    const page = await fetch(`${p1?.url}/v1/messages?limit=100`, {
      headers: { authorization: `Bearer ${authToken}` },
    })
    expect(
      ((await page.json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text),
    ).toEqual(sent)
  })

  it('B offline, then back on process 3: what was sent meanwhile comes from the inbox, in order, once', async () => {
    const c = await cluster(3)
    const [p1, p2, p3] = c.processes
    const alice = await chatUser(p1?.url ?? '', 'alice')
    const bob = await chatUser(p2?.url ?? '', 'bob')
    await sendAll(alice, 'bob', ['before'])
    await bob.waitFor(() => bob.messages.length === 1, 'the first message')
    bob.appState.set('background') // auto mode: the socket closes at once
    await sendAll(alice, 'bob', texts('away', 5))
    bob.engine.destroy()
    // The same device (its storage: session and position) opens the app again, on another process.
    const back = await chatUser(p3?.url ?? '', 'bob', { storage: bob.storage, login: false })
    await back.status('connected')
    await back.waitFor(() => back.messages.length >= 5, 'the missed messages')
    expect(back.texts()).toEqual(texts('away', 5))
    expect(back.messages.every((m) => m.replayed === true)).toBe(true)
    expect(back.resumes).toEqual([{ replayed: 5 }])
    expect(back.losses).toEqual([])
    await sendAll(alice, 'bob', ['live'])
    await back.waitFor(() => back.messages.length === 6, 'the live message')
    expect(back.messages[5]?.replayed).not.toBe(true)
  })

  it('presence is seen across processes: online on another process, offline when its last socket there closes', async () => {
    const c = await cluster(2)
    const [p1, p2] = c.processes
    const watcher = await chatUser(p1?.url ?? '', 'watcher', { presence: true })
    const alice = await chatUser(p2?.url ?? '', 'alice')
    await watcher.until((s) => s.onlineUsers.some((u) => u.uid === 'alice'), 'alice online')
    expect(await c.onlineInRedis()).toEqual(['alice', 'watcher'])
    // A second socket of alice on the other process: still one online user, no flicker when one goes.
    const again = await chatUser(p1?.url ?? '', 'alice')
    await alice.engine.logout()
    await again.engine.disconnect()
    await watcher.until((s) => !s.onlineUsers.some((u) => u.uid === 'alice'), 'alice offline')
    expect(await c.onlineInRedis()).toEqual(['watcher'])
  })

  it('kill -9 of a process: its clients reconnect elsewhere and resume with nothing lost; its users who do not come back go offline within the bound', async () => {
    const c = await cluster(2)
    const [, p2] = c.processes
    const watcherToken = (await httpLogin(p2?.url ?? '', 'watcher')).authToken
    const watcher = await TestClient.authed(p2?.socketUrl ?? '', watcherToken, true)
    const alice = await chatUser(p2?.url ?? '', 'alice')
    c.route([0]) // bob and dave land on process 1, the one that dies
    const bob = await chatUser(c.url, 'bob')
    const dave = await TestClient.authed(c.socketUrl, (await httpLogin(c.url, 'dave')).authToken)
    c.route([0, 1])
    expect(await c.processes[0]?.request<number>('count')).toBe(2)
    await sendAll(alice, 'bob', texts('m', 5))
    await bob.waitFor(() => bob.messages.length === 5, 'the first five')
    const killedAt = Date.now()
    await c.kill(0)
    // Sends go on while bob reconnects through the balancer to the live process.
    await sendAll(alice, 'bob', texts('m', 5, 5))
    await bob.waitFor(() => bob.messages.length >= 10, 'all ten')
    expect(bob.texts()).toEqual(texts('m', 10))
    expect(bob.losses).toEqual([])
    expect(bob.engine.getConnectionStatus()).toBe('connected')
    expect((await dave.closed).code).toBe(1006)
    const offline = (uid: string) => (f: { type: string }) =>
      f.type === 'presence' &&
      (f as PresenceFrame).status === 'offline' &&
      (f as PresenceFrame).user.uid === uid
    await watcher.waitFor(offline('dave'), 'dave offline')
    // The bound is presenceTtlMs × 4/3 (1,500 ms here → 2,000 ms) after the last heartbeat; allow
    // scheduling slack on a busy 2-core machine.
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2_000 + 2_000)
    // bob came back elsewhere before his old process was swept: he never looked offline.
    expect(watcher.frames.some(offline('bob'))).toBe(false)
    expect(await c.onlineInRedis()).toEqual(['alice', 'bob', 'watcher'])
    await watcher.close()
  })

  it('a process that stops (SIGTERM-like close): its clients move to the other one without looking offline; who does not come back goes offline within the bound', async () => {
    const c = await cluster(2)
    const [, p2] = c.processes
    const watcher = await TestClient.authed(
      p2?.socketUrl ?? '',
      (await httpLogin(p2?.url ?? '', 'watcher')).authToken,
      true,
    )
    c.route([0])
    const bob = await chatUser(c.url, 'bob')
    const dave = await TestClient.authed(c.socketUrl, (await httpLogin(c.url, 'dave')).authToken)
    c.route([0, 1])
    const online = (uid: string) => (f: { type: string }) =>
      f.type === 'presence' &&
      (f as PresenceFrame).status === 'online' &&
      (f as PresenceFrame).user.uid === uid
    await watcher.waitFor(online('dave'), 'dave online')
    await c.processes[0]?.request('close')
    expect((await dave.closed).code).toBe(CloseCodes.GOING_AWAY)
    await bob.event('connected', 2)
    const offline = (uid: string) => (f: { type: string }) =>
      f.type === 'presence' &&
      (f as PresenceFrame).status === 'offline' &&
      (f as PresenceFrame).user.uid === uid
    await watcher.waitFor(offline('dave'), 'dave offline')
    expect(watcher.frames.some(offline('bob'))).toBe(false)
    expect(await c.onlineInRedis()).toEqual(['bob', 'watcher'])
    await watcher.close()
  })

  it('a token revoked on one process closes its sockets on the others with 4001', async () => {
    const c = await cluster(2)
    const [p1, p2] = c.processes
    const { authToken } = await httpLogin(p1?.url ?? '', 'alice')
    const client = await TestClient.authed(p2?.socketUrl ?? '', authToken)
    const res = await fetch(`${p1?.url}/v1/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: 'demo-app', authToken }),
    })
    expect(res.status).toBe(200)
    expect(await client.closed).toEqual({ code: CloseCodes.AUTH_FAILED, reason: 'token revoked' })
  })
})
