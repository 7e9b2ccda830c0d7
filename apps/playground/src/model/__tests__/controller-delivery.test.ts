// Nothing is lost: the playground's model against the in-page server (the server's real protocol logic).
// Messages missed while away are replayed once, marked; a window too small for the gap is a lost
// continuity that the catch-up fills from what the server keeps; a send made while offline waits.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlaygroundController, type PlaygroundController } from '../controller.js'

let c: PlaygroundController
const until = (check: () => void, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 10 })
const state = () => c.getState()
const texts = (lines: readonly { text: string }[]) => lines.map((l) => l.text)

afterEach(() => c?.dispose())

/** alice logged in and connected, bob online. */
async function bothConnected(options: Parameters<typeof createPlaygroundController>[0] = {}) {
  c = createPlaygroundController({ latencyMs: 0, ...options })
  c.start()
  await until(() => expect(state().peerSnapshot.status).toBe('connected'))
  await c.login()
  await until(() => expect(state().snapshot.status).toBe('connected'))
}

describe('nothing is lost', () => {
  it('messages sent while alice is in the background arrive once on return, marked replayed', async () => {
    await bothConnected()
    await c.peerSendMessage()
    await until(() => expect(state().inbox).toHaveLength(1))
    expect(state().inbox[0]?.source).toBe('live')

    c.setAppState('background') // auto mode: the socket closes at once
    expect(state().snapshot.status).toBe('disconnected')
    await c.peerSendMessage()
    await c.peerSendMessage()
    expect(state().peerSentCount).toBe(3)
    expect(state().inbox).toHaveLength(1)

    c.setAppState('foreground')
    await until(() => expect(state().inbox).toHaveLength(3))
    expect(state().snapshot.recovery).toEqual({ resumed: true, replayed: 2 })
    expect(state().inbox.map((l) => l.source)).toEqual(['live', 'replayed', 'replayed'])
    expect(state().timeline.map((e) => e.text)).toContain('onResumed: 2 missed message(s) replayed')
    // A live message after the replay is a barrier: anything delivered twice would have come before it.
    await c.peerSendMessage()
    await until(() => expect(state().inbox).toHaveLength(4))
    expect(state().inbox.at(-1)?.source).toBe('live')
    expect(new Set(state().inbox.map((l) => l.id)).size).toBe(4)
    expect(state().continuity).toBeNull()
  })

  it('a gap wider than the inbox window: continuity lost, nothing replayed; the catch-up fetches what is kept', async () => {
    await bothConnected({ inboxMaxEvents: 2 })
    expect(state().inboxWindow).toBe(2)
    await c.peerSendMessage()
    await until(() => expect(state().inbox).toHaveLength(1))
    const first = state().inbox[0]!

    c.setAppState('background')
    for (let i = 0; i < 4; i++) await c.peerSendMessage()
    c.setAppState('foreground')
    await until(() => expect(state().continuity?.reason).toBe('window'))
    expect(state().continuity?.lastDeliveredMessageId).toBe(first.id)
    expect(state().snapshot.recovery).toEqual({ resumed: false, reason: 'window' })
    await until(() => expect(state().snapshot.status).toBe('connected'))
    expect(state().inbox).toHaveLength(1) // no partial replay

    await c.catchUp()
    // The server keeps the last two of bob's five messages; the two before them are gone.
    expect(state().catchUp).toMatchObject({ state: 'done', kept: 2, added: 2, truncated: true })
    expect(texts(state().inbox)).toEqual([first.text, 'Hi alice (#4)', 'Hi alice (#5)'])
    expect(state().inbox.map((l) => l.source)).toEqual(['live', 'fetched', 'fetched'])

    await c.catchUp() // again: the same two, nothing new
    expect(state().catchUp).toMatchObject({ state: 'done', kept: 2, added: 0 })
    expect(state().inbox).toHaveLength(3)
  })

  it('catch-up does nothing while continuity is intact', async () => {
    await bothConnected()
    await c.catchUp()
    expect(state().catchUp).toBeNull()
    expect(state().timeline.some((e) => e.text.startsWith('fetchMessages'))).toBe(false)
  })

  it('a send made while offline waits (pendingSends), then is stored and delivered once', async () => {
    await bothConnected()
    c.setOnline(false)
    await until(() => expect(state().snapshot.status).not.toBe('connected'))
    const sending = c.sendMessage()
    expect(state().sent).toEqual([expect.objectContaining({ text: 'Hi bob (#1)', state: 'waiting' })])
    await until(() => expect(state().snapshot.pendingSends).toBe(1))
    expect(state().peerInbox).toHaveLength(0)

    c.setOnline(true)
    await sending
    expect(state().sent.map((l) => l.state)).toEqual(['stored'])
    expect(state().sentCount).toBe(1)
    await until(() => expect(state().peerInbox).toHaveLength(1))
    expect(texts(state().peerInbox)).toEqual(['Hi bob (#1)'])
    expect(state().snapshot.pendingSends).toBe(0)
  })

  it('a send on a stalled link: the heartbeat drops the socket; the send waits through the reconnect and is stored once', async () => {
    await bothConnected({ heartbeatIntervalMs: 200, pongTimeoutMs: 200 })
    c.setLinkStalled(true)
    const sending = c.sendMessage()
    await until(() => expect(state().snapshot.pendingSends).toBe(1))
    await until(() => expect(state().lastError?.message).toMatch(/heartbeat/))
    expect(state().sent.map((l) => l.state)).toEqual(['waiting'])

    c.setLinkStalled(false) // the held frames cross too: the first copy may reach the server as well
    await sending
    expect(state().sent.map((l) => l.state)).toEqual(['stored'])
    await until(() => expect(state().peerInbox).toHaveLength(1))
    await c.sendMessage() // a barrier: a second copy of the first would have reached bob before this one
    await until(() => expect(state().peerInbox).toHaveLength(2))
    expect(texts(state().peerInbox)).toEqual(['Hi bob (#1)', 'Hi bob (#2)'])
    expect(state().snapshot.pendingSends).toBe(0)
  })

  it('a send in the background (auto mode) fails at once and is listed as failed with its code', async () => {
    await bothConnected()
    c.setAppState('background')
    await c.sendMessage()
    expect(state().sent).toEqual([
      expect.objectContaining({ state: 'failed', code: 'ERR_APP_IN_BACKGROUND' }),
    ])
    expect(state().lastError?.code).toBe('ERR_APP_IN_BACKGROUND')
  })
})

describe('the inbox window', () => {
  it('restarting the in-page server with another window logs both users in again on the new server', async () => {
    await bothConnected()
    expect(state().inboxWindow).toBe(1000)
    await c.peerSendMessage()
    await until(() => expect(state().inbox).toHaveLength(1))

    c.setInboxWindow(3)
    expect(state()).toMatchObject({ inboxWindow: 3, inbox: [], sent: [], peerSentCount: 0 })
    expect(state().engineGeneration).toBe(2)
    await until(() => expect(state().snapshot.status).toBe('connected'))
    await until(() => expect(state().peerSnapshot.status).toBe('connected'))
    expect(state().snapshot.user?.uid).toBe('alice')
    // A fresh start on fresh storage: no position from the old server, so no reset to report.
    expect(state().continuity).toBeNull()
    expect(state().timeline.map((e) => e.text)).toContain(
      'server restarted with an inbox window of 3 messages: it forgot every user, token and inbox; alice and bob log in again',
    )
    await c.peerSendMessage()
    await until(() => expect(state().inbox).toHaveLength(1))
  })

  it('rejects a window that is not a whole number ≥ 1, at construction and when set, changing nothing', async () => {
    expect(() => createPlaygroundController({ inboxMaxEvents: 0 })).toThrow(RangeError)
    await bothConnected()
    expect(() => c.setInboxWindow(1.5)).toThrow(/whole number of messages, at least 1; got 1.5/)
    expect(() => c.setInboxWindow(0)).toThrow(RangeError)
    expect(state().inboxWindow).toBe(1000)
    expect(state().engineGeneration).toBe(1)
    expect(state().snapshot.status).toBe('connected')
  })

  it('a real server has no in-page window to set', () => {
    c = createPlaygroundController({ serverUrl: 'http://127.0.0.1:9' })
    expect(state().inboxWindow).toBeNull()
    c.setInboxWindow(5)
    expect(state().inboxWindow).toBeNull()
  })
})
