import { describe, expect, it } from 'vitest'
import { CometChatException } from '../errors.js'
import { noop } from '../noop.js'
import type { AuthFrame, PingFrame } from '../protocol.js'
import { flush, type HarnessOptions, harness, loginAs, outcome } from './harness.js'

// Rules of the machine the property test reaches only by chance (its schedules are random): the order in
// which overdue deadlines fire, which pong answers which ping, what a move to the background does to a
// request in flight or a pending retry, which closes carry a retry hint, and the exact words of errors.

/** The standard message of `code`, with nothing added. */
const standard = (code: string) => new CometChatException(code as never).message

/** A manual-mode engine, logged in, `connect()`ed and connected. */
async function manualConnected(configure?: HarnessOptions['configure']) {
  const h = harness({ mode: 'manual', configure })
  await loginAs(h.engine)
  void h.engine.connect().catch(noop)
  h.last().accept()
  expect(h.engine.getConnectionStatus()).toBe('connected')
  return h
}

const pings = (h: ReturnType<typeof harness>) =>
  h
    .last()
    .sent.filter((f): f is PingFrame => f.type === 'ping')
    .map((f) => f.id)

describe('overdue deadlines (a frozen tab) fire in time order', () => {
  it('earliest first: a send that expired before the attempt timed out fails first, so the attempt is the last error', async () => {
    const h = harness({ configure: (b) => b.setSendTimeout(5_000).setConnectTimeout(9_000) })
    await loginAs(h.engine) // the socket never opens
    const send = h.engine.sendMessage('bob', 'hi')
    send.catch(noop)
    h.clock.jump(10_000)
    h.clock.advance(0) // the late timer fires: both deadlines passed
    await expect(send).rejects.toMatchObject({ code: 'ERR_SEND_TIMEOUT' })
    expect(h.events.slice(-2)).toEqual(['error:ERR_WEBSOCKET_ERROR', 'disconnected'])
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_WEBSOCKET_ERROR')
  })

  it('at the same moment, the connect timeout fires before the send deadline', async () => {
    const h = harness({ configure: (b) => b.setSendTimeout(9_000).setConnectTimeout(9_000) })
    await loginAs(h.engine)
    const send = h.engine.sendMessage('bob', 'hi')
    send.catch(noop)
    h.clock.jump(10_000)
    h.clock.advance(0)
    await expect(send).rejects.toMatchObject({ code: 'ERR_SEND_TIMEOUT' })
    expect(h.events.slice(-2)).toEqual(['error:ERR_WEBSOCKET_ERROR', 'disconnected'])
    expect(h.engine.getSnapshot().lastError?.code).toBe('ERR_SEND_TIMEOUT')
  })
})

describe('pings and pongs', () => {
  it("each pong settles its own ping only; a pong with another id (a heartbeat's, a stale one) settles none", async () => {
    const h = await manualConnected()
    const first = h.engine.ping()
    const second = h.engine.ping()
    const [id1, id2] = pings(h)
    expect(id1).not.toBe(id2)
    h.last().serverSend({ type: 'pong', id: 'not-a-ping-of-ours' })
    expect(await outcome(first)).toBe('pending')
    expect(await outcome(second)).toBe('pending')
    h.last().serverSend({ type: 'pong', id: id2! })
    expect(await outcome(second)).toEqual({ ok: true, value: undefined })
    expect(await outcome(first)).toBe('pending')
    h.last().serverSend({ type: 'pong', id: id1! })
    expect(await outcome(first)).toEqual({ ok: true, value: undefined })
  })

  it('a ping that times out rejects alone: the other ping in flight is settled by the socket that goes down, not left hanging', async () => {
    const h = await manualConnected((b) => b.setPongTimeout(5_000))
    const first = h.engine.ping()
    h.clock.advance(1_000)
    const second = h.engine.ping()
    h.clock.advance(4_000) // the first one's deadline: the socket is not trusted any more
    expect(await outcome(first)).toEqual({ ok: false, code: 'ERR_PING_TIMEOUT' })
    expect(await outcome(second)).toEqual({ ok: false, code: 'ERR_WEBSOCKET_ERROR' })
  })

  it('a ping in the foreground starts no background grace period', async () => {
    const h = await manualConnected((b) => b.setBackgroundTimeout(5_000))
    void h.engine.ping()
    h.last().autoPong = true
    h.last().serverSend({ type: 'pong', id: pings(h)[0]! })
    expect(h.engine.getSnapshot().backgroundDeadline).toBeNull()
    h.clock.advance(20_000) // heartbeats answered; no grace period to run out in the foreground
    expect(h.engine.getConnectionStatus()).toBe('connected')
    expect(h.engine.getSnapshot().backgroundDeadline).toBeNull()
  })
})

describe('moving to the background', () => {
  it('auto mode: a connect() still waiting is rejected ERR_APP_IN_BACKGROUND (not cancelled)', async () => {
    const h = harness()
    await loginAs(h.engine)
    const connecting = h.engine.connect()
    h.appState.set('background')
    expect(await outcome(connecting)).toEqual({ ok: false, code: 'ERR_APP_IN_BACKGROUND' })
    expect(h.openSockets()).toHaveLength(0)
  })

  it('manual mode: a connection lost in the foreground does not come back in the background, nor on return, until connect()', async () => {
    const h = await manualConnected()
    h.last().serverClose(1006)
    expect(h.engine.getSnapshot().nextRetryAt).not.toBeNull() // a retry was pending
    h.appState.set('background')
    expect(h.engine.getSnapshot()).toMatchObject({ intent: 'idle', nextRetryAt: null })
    h.clock.advance(60_000)
    h.appState.set('foreground')
    h.clock.advance(60_000)
    expect(h.sockets()).toHaveLength(1)
    void h.engine.connect()
    expect(h.sockets()).toHaveLength(2)
  })

  it('manual mode: sends go out at once during the background grace period', async () => {
    const h = await manualConnected()
    h.appState.set('background')
    const sent = h.engine.sendMessage('bob', 'from the background')
    const frame = h.last().sent.at(-1)
    expect(frame).toMatchObject({ type: 'send-message', text: 'from the background' })
    h.last().serverSend({
      type: 'message-ack',
      ref: (frame as { ref: string }).ref,
      message: { id: 's1', sender: 'alice', receiver: 'bob', text: 'from the background', sentAt: 1 },
    })
    expect(await outcome(sent)).toMatchObject({ ok: true })
  })
})

describe('closes and their retry hints', () => {
  it('only 4013 carries a retry hint: digits in another close reason leave the backoff as it is', async () => {
    const h = harness() // backoff 1 s, random 0.5: the first retry 500 ms later
    await loginAs(h.engine)
    h.last().accept()
    h.last().serverClose(1011, 'retry after 9000 ms')
    expect(h.engine.getSnapshot().nextRetryAt! - h.clock.now()).toBe(500)
    h.clock.advance(500)
    h.last().accept()
    h.last().serverClose(4013, 'retry after 9000 ms')
    expect(h.engine.getSnapshot().nextRetryAt! - h.clock.now()).toBe(4_500)
  })
})

describe('a session starts clean', () => {
  it('logout forgets the online users; a login that succeeded is no longer in progress', async () => {
    const h = harness()
    await loginAs(h.engine)
    expect(h.engine.getSnapshot().loggingIn).toBe(false)
    h.last().accept()
    h.last().serverSend({ type: 'presence', user: { uid: 'bob', name: 'bob' }, status: 'online', at: 1 })
    expect(h.engine.getSnapshot().onlineUsers.map((u) => u.uid)).toEqual(['bob'])
    await h.engine.logout()
    expect(h.engine.getSnapshot().onlineUsers).toEqual([])
    await loginAs(h.engine, 'carol')
    expect(h.engine.getSnapshot()).toMatchObject({ loggingIn: false, onlineUsers: [] })
  })

  it('a server with offsets but no stream: the position starts in an unknown epoch (empty), and the next socket resumes from it', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept() // auth-ok with no stream
    h.last().serverSend({
      type: 'message',
      message: { id: 'm5', sender: 'bob', receiver: 'alice', text: 'hi', sentAt: 1 },
      offset: 5,
    })
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().serverOpen()
    expect((h.last().sent[0] as AuthFrame).resume).toEqual({ epoch: '', offset: 5 })
  })
})

describe('errors carry their standard message, with nothing added', () => {
  it('a send timeout, a malformed frame, a dead token', async () => {
    const h = harness()
    const errors: CometChatException[] = []
    h.engine.addConnectionListener('errors', { onConnectionError: (e) => errors.push(e) })
    await loginAs(h.engine)
    h.last().accept()
    const send = h.engine.sendMessage('bob', 'hi')
    send.catch(noop)
    h.clock.advance(h.engine.settings.sendTimeout)
    await expect(send).rejects.toMatchObject({ message: standard('ERR_SEND_TIMEOUT') })
    h.last().serverSend('not json')
    expect(errors.at(-1)).toMatchObject({
      code: 'ERR_MALFORMED_FRAME',
      message: standard('ERR_MALFORMED_FRAME'),
    })
    h.last().serverClose(4001, 'expired')
    expect(errors.at(-1)).toMatchObject({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: standard('ERR_AUTH_TOKEN_INVALID'),
    })
    await flush()
  })
})
