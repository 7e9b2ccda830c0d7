import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ClientFrame, SendMessageFrame } from '../protocol.js'
import { type FakeSocket, flush, harness, loginAs, outcome } from './harness.js'

// Sends wait for the connection that is coming, are retried with their own id on the next socket until
// their own deadline, and settle exactly once. One outbox serves "send right after login" and "a send in
// flight when the socket died".

const sends = (s: FakeSocket) => s.sent.filter((f): f is SendMessageFrame => f.type === 'send-message')

function ack(s: FakeSocket, frame: SendMessageFrame, id = `srv-${frame.id}`): void {
  s.serverSend({
    type: 'message-ack',
    ref: frame.ref,
    message: { id, sender: 'alice', receiver: frame.receiver, text: frame.text, sentAt: 1 },
  })
}

describe('outbox: sends wait for the coming connection', () => {
  it('auto mode: a send right after login() waits for the connection, then goes out and resolves on its ack', async () => {
    const h = harness()
    await loginAs(h.engine)
    expect(h.engine.getConnectionStatus()).toBe('connecting')
    const p = h.engine.sendMessage('bob', 'hi')
    await flush()
    expect(await outcome(p)).toBe('pending')
    expect(h.engine.getSnapshot().pendingSends).toBe(1)
    h.last().accept()
    const [frame] = sends(h.last())
    expect(frame).toMatchObject({ receiver: 'bob', text: 'hi' })
    expect(frame!.id).toBe(frame!.ref)
    ack(h.last(), frame!)
    expect(await outcome(p)).toMatchObject({ ok: true, value: { text: 'hi' } })
    expect(h.engine.getSnapshot().pendingSends).toBe(0)
  })

  it('a send in flight when the socket dies is sent again, with the same id, on the next connection; it settles once', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const p = h.engine.sendMessage('bob', 'hi')
    await flush()
    const first = sends(h.last())[0]!
    h.last().serverClose(1006)
    expect(await outcome(p)).toBe('pending')
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().accept()
    const again = sends(h.last())[0]!
    expect(again.id).toBe(first.id)
    ack(h.last(), again)
    ack(h.last(), again) // a duplicate answer finds nothing to settle
    expect(await outcome(p)).toMatchObject({ ok: true, value: { id: `srv-${first.id}` } })
  })

  it('offline in the foreground: the send waits and goes out once back online and connected', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    h.network.set(false)
    const p = h.engine.sendMessage('bob', 'while offline')
    await flush()
    expect(await outcome(p)).toBe('pending')
    h.network.set(true)
    h.last().accept()
    ack(h.last(), sends(h.last())[0]!)
    expect(await outcome(p)).toMatchObject({ ok: true })
  })

  it('queued sends go out in call order', async () => {
    const h = harness()
    await loginAs(h.engine)
    for (const text of ['one', 'two', 'three']) void h.engine.sendMessage('bob', text)
    await flush()
    h.last().accept()
    expect(sends(h.last()).map((f) => f.text)).toEqual(['one', 'two', 'three'])
    expect(new Set(sends(h.last()).map((f) => f.id)).size).toBe(3)
  })

  it("message ids are the engine's own: a random prefix per engine, then a count up from 1", async () => {
    const idsOf = async (random: number) => {
      const h = harness({ random: () => random })
      await loginAs(h.engine)
      h.last().accept()
      void h.engine.sendMessage('bob', 'a')
      void h.engine.sendMessage('bob', 'b')
      await flush()
      return sends(h.last()).map((f) => f.id)
    }
    const [one, other] = [await idsOf(0.25), await idsOf(0.75)] // two engines, the same clock
    expect(new Set([...one, ...other]).size).toBe(4)
    const prefix = one[0]!.split('-')[0]!
    expect(one).toEqual([`${prefix}-1`, `${prefix}-2`])
  })

  it('rejected at once when no connection is coming, with a code that fits', async () => {
    const loggedOut = harness()
    expect(await outcome(loggedOut.engine.sendMessage('bob', 'x'))).toEqual({
      ok: false,
      code: 'ERR_NOT_LOGGED_IN',
    })

    const manual = harness({ mode: 'manual' })
    await loginAs(manual.engine)
    expect(await outcome(manual.engine.sendMessage('bob', 'x'))).toEqual({
      ok: false,
      code: 'ERR_NOT_CONNECTED',
    })

    const suspended = harness()
    await loginAs(suspended.engine)
    await suspended.engine.disconnect()
    expect(await outcome(suspended.engine.sendMessage('bob', 'x'))).toEqual({
      ok: false,
      code: 'ERR_NOT_CONNECTED',
    })

    const hidden = harness()
    await loginAs(hidden.engine)
    hidden.appState.set('background')
    expect(await outcome(hidden.engine.sendMessage('bob', 'x'))).toEqual({
      ok: false,
      code: 'ERR_APP_IN_BACKGROUND',
    })
    expect(hidden.engine.getSnapshot().lastError?.code).toBe('ERR_APP_IN_BACKGROUND')
  })

  it('logout(), disconnect() and a new login cancel queued sends: nothing is sent for another session', async () => {
    for (const act of ['logout', 'disconnect', 'login'] as const) {
      const h = harness()
      await loginAs(h.engine)
      const p = h.engine.sendMessage('bob', 'x')
      await flush()
      if (act === 'logout') await h.engine.logout()
      else if (act === 'disconnect') await h.engine.disconnect()
      else await loginAs(h.engine, 'carol')
      expect(await outcome(p)).toEqual({ ok: false, code: 'ERR_CANCELLED' })
      if (act === 'login') {
        h.last().accept('carol')
        expect(sends(h.last())).toEqual([])
      }
      expect(h.engine.getSnapshot().lastError).toBeNull() // a cancellation is not a failure
    }
  })

  it('a send that finds no connection before its deadline rejects ERR_SEND_TIMEOUT (and says it was never sent)', async () => {
    const h = harness({ configure: (b) => b.setSendTimeout(5_000) })
    await loginAs(h.engine)
    const p = h.engine.sendMessage('bob', 'x')
    await flush()
    h.clock.advance(4_999)
    expect(await outcome(p)).toBe('pending')
    h.clock.advance(1)
    const result = await p.catch((e: { code: string; details: unknown }) => e)
    expect(result).toMatchObject({ code: 'ERR_SEND_TIMEOUT', details: { sent: false } })
  })

  it('the server refusing a send (error frame with its ref) rejects that send only', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const bad = h.engine.sendMessage('nobody', 'x')
    const good = h.engine.sendMessage('bob', 'y')
    await flush()
    const [b, g] = sends(h.last())
    h.last().serverSend({
      type: 'error',
      code: 'ERR_INVALID_ARGUMENT',
      message: 'unknown receiver',
      ref: b!.ref,
    })
    ack(h.last(), g!)
    expect(await outcome(bad)).toEqual({ ok: false, code: 'ERR_SERVER_ERROR' })
    expect(await outcome(good)).toMatchObject({ ok: true })
  })

  it('property: over random schedules no send hangs, none settles twice, none goes out twice on one socket', async () => {
    type Step =
      | 'send'
      | 'drop'
      | 'accept'
      | 'ackAll'
      | 'offline'
      | 'online'
      | 'background'
      | 'foreground'
      | 'tick'
    const step = fc.constantFrom<Step>(
      'send',
      'send',
      'drop',
      'accept',
      'accept',
      'ackAll',
      'offline',
      'online',
      'background',
      'foreground',
      'tick',
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const h = harness({ configure: (b) => b.setSendTimeout(20_000) })
        await loginAs(h.engine)
        const settled = new Map<number, number>()
        const stored = new Map<string, string>() // the server's dedupe: id -> stored message id
        let n = 0
        const ackAll = (s: FakeSocket) => {
          for (const f of sends(s)) {
            if (!stored.has(f.id!)) stored.set(f.id!, `srv-${stored.size}`)
            ack(s, f, stored.get(f.id!))
          }
        }
        for (const t of steps) {
          const s = h.sockets().at(-1)
          if (t === 'send') {
            const i = n++
            settled.set(i, 0)
            h.engine.sendMessage('bob', `m${i}`).then(
              () => settled.set(i, settled.get(i)! + 1),
              () => settled.set(i, settled.get(i)! + 1),
            )
          } else if (t === 'drop') s?.isOpenOrOpening && s.serverClose(1006)
          else if (t === 'accept') s?.isOpenOrOpening && !s.closedByClient && s.readyState === 0 && s.accept()
          else if (t === 'ackAll') s && s.readyState === 1 && !s.closedByClient && ackAll(s)
          else if (t === 'offline') h.network.set(false)
          else if (t === 'online') h.network.set(true)
          else if (t === 'background') h.appState.set('background')
          else if (t === 'foreground') h.appState.set('foreground')
          else h.clock.advance(3_000)
          await flush()
        }
        h.clock.advance(25_000) // past every send's deadline
        await flush()
        for (const [, count] of settled) expect(count).toBe(1)
        const perSocket = h.sockets().map((s) => sends(s).map((f: ClientFrame & { id?: string }) => f.id))
        for (const ids of perSocket) expect(new Set(ids).size).toBe(ids.length) // never twice on one socket
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 200), seed: 424242 },
    )
  })
})
