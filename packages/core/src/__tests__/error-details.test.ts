import { describe, expect, it } from 'vitest'
import type { CometChatException } from '../errors.js'
import { decodeServerFrame } from '../machine/decode-server-frame.js'
import { harness, loginAs, outcome } from './harness.js'

// What an app reads in an error beyond its code: the message says which rule fired, and details carry
// what the server said. The property test checks codes and their order; these check the words.

/** An engine logged in and connected in `mode`, and its errors as listeners received them. */
async function connected(mode: 'auto' | 'manual' = 'auto') {
  const h = harness({ mode })
  const errors: CometChatException[] = []
  h.engine.addConnectionListener('errors', { onConnectionError: (e) => errors.push(e) })
  await loginAs(h.engine)
  if (mode === 'manual') void h.engine.connect().catch(() => {})
  h.last().accept()
  expect(h.engine.getConnectionStatus()).toBe('connected')
  return { h, errors }
}

describe('error messages and details say what happened', () => {
  it('a close: its code and reason in the message and in details; none shown when the reason is empty', async () => {
    const { h, errors } = await connected()
    h.last().serverClose(1011, 'store failed')
    expect(errors.at(-1)?.code).toBe('ERR_WEBSOCKET_ERROR')
    expect(errors.at(-1)?.message).toContain('(close 1011: store failed)')
    expect(errors.at(-1)?.details).toEqual({ code: 1011, reason: 'store failed' })
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().accept()
    h.last().serverClose(1006, '')
    expect(errors.at(-1)?.message).toContain('(close 1006)')
    expect(errors.at(-1)?.message).not.toContain('1006:')
    expect(errors.at(-1)?.details).toEqual({ code: 1006, reason: '' })
  })

  it('an unknown app (4004): ERR_AUTH_FAILED saying so, with the close in details; the token (4001) likewise', async () => {
    const { h, errors } = await connected()
    h.last().serverClose(4004, 'no such app')
    expect(errors.at(-1)?.code).toBe('ERR_AUTH_FAILED')
    expect(errors.at(-1)?.message).toContain('(unknown appId)')
    expect(errors.at(-1)?.details).toEqual({ code: 4004, reason: 'no such app' })
    const second = await connected()
    second.h.last().serverClose(4001, 'expired')
    expect(second.errors.at(-1)?.code).toBe('ERR_AUTH_TOKEN_INVALID')
    expect(second.errors.at(-1)?.details).toEqual({ code: 4001, reason: 'expired' })
  })

  it('a dead attempt says why: connect timeout, missing heartbeat pong, ping timeout', async () => {
    const t = await connected()
    t.h.last().serverClose(1006)
    t.h.clock.advance(t.h.engine.getSnapshot().nextRetryAt! - t.h.clock.now())
    t.h.clock.advance(t.h.engine.settings.connectTimeout) // the new socket never opens
    expect(t.errors.at(-1)?.message).toContain('(connect timeout)')

    const hb = await connected()
    hb.h.clock.advance(hb.h.engine.settings.heartbeatInterval + hb.h.engine.settings.pongTimeout)
    expect(hb.errors.at(-1)?.message).toContain('(heartbeat: no pong)')

    const p = await connected('manual')
    const ping = outcome(p.h.engine.ping())
    p.h.clock.advance(p.h.engine.settings.pongTimeout)
    expect(await ping).toEqual({ ok: false, code: 'ERR_PING_TIMEOUT' })
    expect(p.errors.at(-1)?.message).toContain('(ping timeout)')
  })

  it('a malformed frame: ERR_MALFORMED_FRAME with the frame (its first 200 characters), or its type when not text', async () => {
    const { h, errors } = await connected()
    const long = `{"type":"nope","pad":"${'x'.repeat(300)}"}`
    h.last().serverSend(long)
    expect(errors.at(-1)?.code).toBe('ERR_MALFORMED_FRAME')
    expect(errors.at(-1)?.details).toEqual({ frame: long.slice(0, 200) })
    h.last().onmessage?.({ data: new ArrayBuffer(4) })
    expect(errors.at(-1)?.details).toEqual({ frame: 'object' })
    expect(h.engine.getConnectionStatus()).toBe('connected') // reported, never fatal
  })

  it("a server error frame: the server's message and code in the message, the frame in details", async () => {
    const { h, errors } = await connected()
    const frame = { type: 'error' as const, code: 'ERR_RATE', message: 'slow down' }
    h.last().serverSend(frame)
    expect(errors.at(-1)?.code).toBe('ERR_SERVER_ERROR')
    expect(errors.at(-1)?.message).toBe('slow down (ERR_RATE)')
    expect(errors.at(-1)?.details).toEqual(frame)
  })

  it('a gap in the stream: reported as a resume, and the engine reconnects at once', async () => {
    const { h, errors } = await connected()
    const message = { id: 'm9', sender: 'bob', receiver: 'alice', text: 'hi', sentAt: 1 }
    h.last().serverSend({ type: 'message', message, offset: 5 }) // no position yet: taken as it comes
    h.last().serverSend({ type: 'message', message: { ...message, id: 'm11' }, offset: 7 })
    expect(errors.at(-1)?.code).toBe('ERR_WEBSOCKET_ERROR')
    expect(errors.at(-1)?.message).toContain('(missed messages: resuming)')
    expect(h.engine.getConnectionStatus()).toBe('connecting')
  })

  it('a send that times out says whether it went out on a socket', async () => {
    const { h } = await connected()
    const sent = h.engine.sendMessage('bob', 'hi')
    sent.catch(() => {})
    h.clock.advance(h.engine.settings.sendTimeout)
    await expect(sent).rejects.toMatchObject({ code: 'ERR_SEND_TIMEOUT', details: { sent: true } })
    h.last().serverClose(1006)
    const queued = h.engine.sendMessage('bob', 'later')
    queued.catch(() => {})
    h.clock.jump(h.engine.settings.sendTimeout) // frozen timers: no socket meanwhile, it never went out
    h.appState.set('background') // the next event finds the deadline passed
    await expect(queued).rejects.toMatchObject({ code: 'ERR_SEND_TIMEOUT', details: { sent: false } })
  })

  it('the background timeout cancels: ERR_CANCELLED on a connect() still waiting, nothing reported', async () => {
    const h = harness({ mode: 'manual', configure: (b) => b.setBackgroundTimeout(5_000) })
    const errors: string[] = []
    h.engine.addConnectionListener('errors', { onConnectionError: (e) => errors.push(e.code) })
    await loginAs(h.engine)
    const connect = outcome(h.engine.connect())
    h.appState.set('background')
    h.clock.advance(5_000)
    expect(await connect).toEqual({ ok: false, code: 'ERR_CANCELLED' })
    expect(errors).toEqual([])
    expect(h.engine.getSnapshot().lastError).toBeNull() // a cancellation is not a failure
  })

  it('destroy() rejects what waits with ERR_ENGINE_DESTROYED', async () => {
    const h = harness({ mode: 'manual' })
    await loginAs(h.engine)
    const connect = outcome(h.engine.connect())
    h.engine.destroy()
    expect(await connect).toEqual({ ok: false, code: 'ERR_ENGINE_DESTROYED' })
  })
})

describe('decodeServerFrame: each known frame type must carry what the engine reads', () => {
  const user = { uid: 'u', name: 'U' }
  const message = { id: 'm', sender: 'a', receiver: 'b', text: 't', sentAt: 1 }
  const ok = (frame: object) => expect(decodeServerFrame(JSON.stringify(frame))).toEqual(frame)
  const bad = (frame: object) => expect(decodeServerFrame(JSON.stringify(frame))).toBeNull()

  it('message-ack: a ref and a message, both', () => {
    ok({ type: 'message-ack', ref: 'r', message })
    bad({ type: 'message-ack', message })
    bad({ type: 'message-ack', ref: 'r' })
    bad({ type: 'message-ack', ref: 7, message })
  })

  it('presence: a user, online or offline, and a time', () => {
    ok({ type: 'presence', user, status: 'online', at: 1 })
    ok({ type: 'presence', user, status: 'offline', at: 1 })
    bad({ type: 'presence', user, status: 'away', at: 1 })
    bad({ type: 'presence', status: 'online', at: 1 })
    bad({ type: 'presence', user: { uid: 'u' }, status: 'offline', at: 1 })
    bad({ type: 'presence', user, status: 'online' })
  })

  it('error: a code and a message, and a ref only as a string', () => {
    ok({ type: 'error', code: 'C', message: 'm' })
    ok({ type: 'error', code: 'C', message: 'm', ref: 'r' })
    bad({ type: 'error', message: 'm' })
    bad({ type: 'error', code: 'C' })
    bad({ type: 'error', code: 'C', message: 'm', ref: 3 })
    bad({ type: 'error', code: 1, message: 'm', ref: 'r' })
  })

  it('the rest: auth-ok needs a user, ping and pong an id, message a message; unknown types and non-JSON are null', () => {
    ok({ type: 'auth-ok', user, serverTime: 0, idleTimeoutMs: 1 })
    bad({ type: 'auth-ok', serverTime: 0 })
    ok({ type: 'ping', id: '1' })
    bad({ type: 'pong' })
    ok({ type: 'message', message })
    bad({ type: 'message', message: { ...message, sentAt: 'x' } })
    ok({ type: 'throttle' })
    bad({ type: 'toString' }) // not an own key of the table
    bad({ type: ['ping'], id: '1' }) // a type must be a string, not anything that names one
    expect(decodeServerFrame('{"type":')).toBeNull()
    expect(decodeServerFrame(42)).toBeNull()
  })
})
