import { describe, expect, it } from 'vitest'
import type { Effect } from '../machine/effects.js'
import type { MachineEvent, Request } from '../machine/events.js'
import { fastMessage, foldHot } from '../machine/fast-path.js'
import { initialState, type MachineState, type Session } from '../machine/state.js'
import { transition } from '../machine/transition.js'
import { noop } from '../noop.js'
import type { MessageFrame, ServerFrame } from '../protocol.js'
import { type AppSettings, DEFAULT_SETTINGS } from '../settings.js'

// The pure machine on its own: (state, event) -> (state, effects), with the time and the random number
// given. What the shell cannot show (an effect it ignores, a state it never reaches by itself) is checked
// here, on the effects the machine asks for.

const T0 = 1_700_000_000_000
const session: Session = { user: { uid: 'alice', name: 'alice' }, authToken: 'tok-alice' }
const req = (): Request => [noop, noop]

/** A machine driven by hand: each event at the current time, with random 0.5. */
function machine(
  settings: AppSettings = DEFAULT_SETTINGS,
  appState: 'foreground' | 'background' = 'foreground',
) {
  let state = initialState(settings, appState, true)
  let now = T0
  const m = {
    get state(): MachineState {
      return state
    },
    get now(): number {
      return now
    },
    at(t: number) {
      now = t
      return m
    },
    /** Feeds one event; returns the effects it produced. */
    feed(...event: MachineEvent): Effect[] {
      const r = transition(state, event, now, 0.5)
      state = r.state
      return [...r.effects]
    },
    /** Restored with a session, the socket opened and authenticated: connected. */
    connected(ok: Partial<ServerFrame> = {}): number {
      m.feed('restore', session, null)
      const id = state.socket!.id
      m.feed('socketOpen', id)
      m.feed(
        'socketMessage',
        id,
        { type: 'auth-ok', user: session.user, serverTime: 0, idleTimeoutMs: 1, ...ok } as ServerFrame,
        '',
      )
      expect(state.status).toBe('connected')
      return id
    },
  }
  return m
}

const chat = (id: string, offset?: number, receiver = 'alice'): MessageFrame => ({
  type: 'message',
  message: { id, sender: 'bob', receiver, text: 'hi', sentAt: 1 },
  ...(offset !== undefined && { offset }),
})

describe('the machine, event by event', () => {
  it('an event with nothing to do emits nothing, idle or connected', () => {
    const m = machine()
    expect(m.feed('tick')).toEqual([])
    m.connected()
    expect(m.feed('tick')).toEqual([])
    expect(m.at(T0 + 1_000).feed('tick')).toEqual([])
  })

  it('a destroyed machine ignores every event: the same state, no effects', () => {
    const m = machine()
    m.connected()
    m.feed('destroy')
    const dead = m.state
    for (const event of [
      ['tick'],
      ['logout'],
      ['connect', req()],
      ['socketClose', 1, 1006, ''],
    ] as MachineEvent[]) {
      const r = transition(dead, event, T0 + 99_000, 0.5)
      expect(r.state).toBe(dead)
      expect(r.effects).toEqual([])
    }
  })

  it('a second open event of the same socket (a faulty WebSocket) sends no second auth frame', () => {
    const m = machine()
    const id = m.connected()
    expect(m.feed('socketOpen', id)).toEqual([])
    expect(m.state.socket?.phase).toBe('open')
  })

  it('a send while the socket is still opening is queued with no frame; auth-ok sends it', () => {
    const m = machine()
    m.feed('restore', session, null)
    const id = m.state.socket!.id
    const effects = m.feed('send', req(), 'bob', 'hi', 'msg-1')
    expect(effects).toEqual([])
    expect(m.state.outbox.end - m.state.outbox.start).toBe(1)
    m.feed('socketOpen', id)
    const sent = m.feed(
      'socketMessage',
      id,
      { type: 'auth-ok', user: session.user, serverTime: 0, idleTimeoutMs: 1 },
      '',
    )
    expect(sent.filter((e) => e[0] === 'send')).toEqual([
      ['send', id, { type: 'send-message', ref: 'msg-1', id: 'msg-1', receiver: 'bob', text: 'hi' }],
    ])
  })

  it('every socket and every frame on the wire gets an id never used before, across reconnects', () => {
    const m = machine()
    const ids: string[] = []
    const collect = (effects: Effect[]) => {
      for (const e of effects) {
        if (e[0] === 'open') ids.push(`${e[1]}`)
        if (e[0] === 'send' && (e[2].type === 'ping' || e[2].type === 'pong')) ids.push(e[2].id)
      }
    }
    collect(m.feed('restore', session, null))
    for (let round = 0; round < 3; round++) {
      const id = m.state.socket!.id
      m.feed('socketOpen', id)
      m.feed(
        'socketMessage',
        id,
        { type: 'auth-ok', user: session.user, serverTime: 0, idleTimeoutMs: 1 },
        '',
      )
      // Two heartbeat pings, each answered, then the server drops the connection.
      for (let ping = 0; ping < 2; ping++) {
        collect(m.at(m.state.socket!.lastInboundAt + DEFAULT_SETTINGS.heartbeatInterval).feed('tick'))
        const sent = ids.at(-1)!
        m.feed('socketMessage', id, { type: 'pong', id: sent }, '')
      }
      m.feed('socketClose', id, 1006, '')
      collect(m.at(m.state.retryAt!).feed('tick'))
    }
    expect(ids).toHaveLength(3 + 1 + 3 * 2)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('a repeated app state or network value (a source that repeats itself) changes nothing', () => {
    const m = machine()
    const id = m.connected()
    m.feed('socketClose', id, 1006, '')
    const waiting = m.state
    expect(waiting.retryAt).not.toBeNull()
    expect(m.feed('appState', 'foreground')).toEqual([])
    expect(m.feed('network', true)).toEqual([])
    expect(m.state.retryAt).toBe(waiting.retryAt) // the backoff is not skipped

    // Manual mode in background: the grace period is not extended by a repeated `background`.
    const manual = machine({ ...DEFAULT_SETTINGS, autoEstablishSocketConnection: false })
    manual.feed('restore', session, null)
    manual.feed('connect', req())
    manual.feed('appState', 'background')
    const deadline = manual.state.backgroundDeadline
    expect(deadline).toBe(T0 + DEFAULT_SETTINGS.backgroundTimeout)
    expect(manual.at(T0 + 5_000).feed('appState', 'background')).toEqual([])
    expect(manual.state.backgroundDeadline).toBe(deadline)
  })

  it('a repeated chat message is dropped by the transition too (not only by the hot path)', () => {
    const m = machine()
    const id = m.connected()
    const first = m.feed('socketMessage', id, chat('m1', 1), '')
    expect(first.filter((e) => e[0] === 'call' && e[1] === 'message')).toHaveLength(1)
    expect(m.feed('socketMessage', id, chat('m1', 1), '')).toEqual([])
    expect(m.feed('socketMessage', id, chat('m0', 0), '')).toEqual([])
    expect(m.state.position).toMatchObject({ offset: 1, id: 'm1' })
  })
})

describe('the hot path (fastMessage) gives what the transition gives, and only takes chat messages it may', () => {
  /** A connected machine that has delivered m1 at offset 1. */
  function ready() {
    const m = machine()
    const id = m.connected({ stream: { epoch: 'e', offset: 0 } } as Partial<ServerFrame>)
    m.feed('socketMessage', id, chat('m1', 1), '')
    return { m, id }
  }

  it('the next chat message for the user on the open socket: taken, with the same position and message as the transition', () => {
    const { m, id } = ready()
    const at = m.now + 1_000
    const frame = chat('m2', 2)
    const fast = fastMessage(m.state, null, id, frame, at, Number.POSITIVE_INFINITY)
    expect(fast).not.toBeNull()
    const full = transition(m.state, ['socketMessage', id, frame, ''], at, 0.5)
    expect(foldHot(m.state, fast!.hot)).toEqual(full.state)
    expect(full.effects).toEqual([['call', 'message', 'onTextMessageReceived', fast!.message]])
    // A repeat right after it, on the hot path's own position: taken, and dropped.
    const again = fastMessage(m.state, fast!.hot, id, frame, at + 1, Number.POSITIVE_INFINITY)
    expect(again).toEqual({ hot: { at: at + 1, position: fast!.hot.position }, message: undefined })
  })

  it('anything else goes to the transition: another frame type, an old socket, a due deadline, a gap, another user, a socket not yet open', () => {
    const { m, id } = ready()
    const at = m.now + 1_000
    const never = Number.POSITIVE_INFINITY
    expect(fastMessage(m.state, null, id, { type: 'ping', id: 'p' }, at, never)).toBeNull()
    expect(fastMessage(m.state, null, id, null, at, never)).toBeNull()
    expect(fastMessage(m.state, null, id - 1, chat('m2', 2), at, never)).toBeNull()
    expect(fastMessage(m.state, null, id, chat('m2', 2), at, at)).toBeNull()
    expect(fastMessage(m.state, null, id, chat('m2', 2), at, at + 1)).not.toBeNull()
    expect(fastMessage(m.state, null, id, chat('m3', 3), at, never)).toBeNull()
    expect(fastMessage(m.state, null, id, chat('m2', 2, 'mallory'), at, never)).toBeNull()

    const opening = machine()
    opening.feed('restore', session, null)
    const sid = opening.state.socket!.id
    opening.feed('socketOpen', sid)
    expect(fastMessage(opening.state, null, sid, chat('m1'), at, never)).toBeNull()
  })
})
