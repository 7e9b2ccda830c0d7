import { fetchMessages, type TextMessage } from '@cometchat-connection/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryTokenStore } from '../../src/index.js'
import { useServers } from '../helpers/server-fixture.js'
import { startTcpProxy, type TcpProxy } from '../helpers/test-kit.js'
import { connectedEngine, createTestEngine, FAIL_AFTER_MS, type TestEngine } from './engine-harness.js'
import { watchPresence } from './presence-watcher.js'

// "Nothing is lost", case by case, with the real engine against the real server over loopback sockets.

const start = useServers()
const proxies: TcpProxy[] = []
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()))
})

/** Records what an engine's message listener and continuity signals receive; waits on counts. */
function record(t: TestEngine) {
  const messages: TextMessage[] = []
  const signals: string[] = []
  const waiters = new Set<() => void>()
  const changed = () => {
    for (const w of [...waiters]) w()
  }
  t.engine.addMessageListener('record', {
    onTextMessageReceived: (m) => {
      messages.push(m)
      changed()
    },
  })
  t.engine.addConnectionListener('record', {
    onResumed: ({ replayed }) => {
      signals.push(`resumed:${replayed}`)
      changed()
    },
    onContinuityLost: ({ reason, lastDeliveredMessageId }) => {
      signals.push(`lost:${reason}:${lastDeliveredMessageId}`)
      changed()
    },
  })
  const until = (what: string, ok: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), FAIL_AFTER_MS)
      const check = () => {
        if (!ok()) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      check()
    })
  return {
    messages,
    signals,
    texts: () => messages.map((m) => m.text),
    messagesCount: (n: number) =>
      until(`${n} messages (have ${messages.length})`, () => messages.length >= n),
    signal: (prefix: string) =>
      until(`a ${prefix} signal (have ${signals.join()})`, () => signals.some((s) => s.startsWith(prefix))),
  }
}

describe('nothing is lost, end to end', () => {
  it('a page reload resumes from storage: exactly the missed messages, none it already showed', async () => {
    const server = await start()
    const watcher = await watchPresence(server)
    const alice = await connectedEngine(server.url)
    const first = await createTestEngine(server.url)
    const seen1 = record(first)
    await first.engine.login('bob', 'demo-auth-key')
    await first.status('connected')
    for (const text of ['one', 'two']) await alice.engine.sendMessage('bob', text)
    await seen1.messagesCount(2)
    first.engine.destroy() // the page closes
    await watcher.until('bob', 'offline')
    for (const text of ['three', 'four']) await alice.engine.sendMessage('bob', text)
    const second = await createTestEngine(server.url, { storage: first.storage }) // the page loads again
    const seen2 = record(second)
    await seen2.messagesCount(2)
    expect(seen2.texts()).toEqual(['three', 'four'])
    expect(seen2.messages.every((m) => m.replayed)).toBe(true)
    expect(seen2.signals).toEqual(['resumed:2'])
    await alice.engine.sendMessage('bob', 'five')
    await seen2.messagesCount(3)
    expect(seen2.texts()).toEqual(['three', 'four', 'five'])
    await watcher.client.close()
  })

  it('the window exceeded: onContinuityLost("window") with the last delivered id, and fetchMessages fills what the server keeps', async () => {
    const server = await start({ inboxMaxEvents: 3 })
    const watcher = await watchPresence(server)
    const alice = await connectedEngine(server.url)
    const bob = await createTestEngine(server.url)
    const seen = record(bob)
    await bob.engine.login('bob', 'demo-auth-key')
    await bob.status('connected')
    await alice.engine.sendMessage('bob', 'seen')
    await seen.messagesCount(1)
    const lastSeen = seen.messages[0]!.id
    bob.appState.set('background')
    await watcher.until('bob', 'offline')
    for (let i = 1; i <= 5; i++) await alice.engine.sendMessage('bob', `away ${i}`)
    bob.appState.set('foreground')
    await seen.signal('lost')
    expect(seen.signals).toEqual([`lost:window:${lastSeen}`])
    expect(bob.engine.getSnapshot().recovery).toEqual({ resumed: false, reason: 'window' })
    expect(seen.texts()).toEqual(['seen']) // nothing partial was replayed
    const page = await fetchMessages(bob.engine, { after: lastSeen })
    expect(page).toMatchObject({ truncated: true, hasMore: false })
    expect(page.messages.map((m) => m.text)).toEqual(['away 3', 'away 4', 'away 5'])
    await alice.engine.sendMessage('bob', 'live')
    await seen.messagesCount(2)
    expect(seen.texts()).toEqual(['seen', 'live'])
    await watcher.client.close()
  })

  it("fetchMessages with a token the server no longer holds: ERR_AUTH_TOKEN_INVALID, the socket's code for it", async () => {
    const server = await start()
    const bob = await createTestEngine(server.url, { mode: 'manual' }) // logged in, no socket to notice first
    await bob.engine.login('bob', 'demo-auth-key')
    const token = bob.engine.getUserAuthToken()
    if (!token) throw new Error('no token')
    expect((await fetchMessages(bob.engine)).messages).toEqual([])
    await server.core.revokeToken(token)
    await expect(fetchMessages(bob.engine)).rejects.toMatchObject({ code: 'ERR_AUTH_TOKEN_INVALID' })
  })

  it('an epoch change (the server lost its inboxes): onContinuityLost("epoch"), then live delivery from the new stream', async () => {
    const tokenStore = createMemoryTokenStore() // sessions survive; the in-memory inboxes do not
    const first = await start({ tokenStore })
    const alice = await connectedEngine(first.url)
    const bob = await createTestEngine(first.url)
    const seen = record(bob)
    await bob.engine.login('bob', 'demo-auth-key')
    await bob.status('connected')
    await alice.engine.sendMessage('bob', 'before the restart')
    await seen.messagesCount(1)
    await first.close()
    await start({ port: first.port, tokenStore })
    await seen.signal('lost')
    expect(seen.signals).toEqual([`lost:epoch:${seen.messages[0]!.id}`])
    await alice.status('connected')
    await alice.engine.sendMessage('bob', 'after the restart')
    await seen.messagesCount(2)
    expect(seen.texts()).toEqual(['before the restart', 'after the restart'])
  })

  it('a send whose ack was lost is sent again with the same id and stored once: the receiver sees it once', async () => {
    const server = await start()
    const proxy = await startTcpProxy(server.port)
    proxies.push(proxy)
    const bob = await createTestEngine(server.url)
    const seen = record(bob)
    await bob.engine.login('bob', 'demo-auth-key')
    await bob.status('connected')
    const alice = await connectedEngine(`http://127.0.0.1:${proxy.port}`)
    proxy.holdDownstream(true) // alice's frames reach the server; its answers do not come back
    const sent = alice.engine.sendMessage('bob', 'exactly once')
    await seen.messagesCount(1) // stored and delivered to bob; alice has no ack
    proxy.cut() // the connection dies before the ack arrives
    proxy.holdDownstream(false)
    const stored = await sent // retried on the next connection with the same id: the original is returned
    expect(stored.id).toBe(seen.messages[0]!.id)
    await alice.engine.sendMessage('bob', 'next')
    await seen.messagesCount(2)
    expect(seen.texts()).toEqual(['exactly once', 'next'])
    expect(server.core.messages().filter((m) => m.text === 'exactly once')).toHaveLength(1)
  })
})
