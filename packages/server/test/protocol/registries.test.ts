import { describe, expect, it } from 'vitest'
import type { ConnectionSession } from '../../src/protocol/connection-session.js'
import { InboxFanout } from '../../src/protocol/inbox-fanout.js'
import { PresenceRegistry } from '../../src/protocol/presence-registry.js'
import { SessionInbox } from '../../src/protocol/session-inbox.js'

// The per-process registries on their own: which sockets get a user's live events, and which count for
// their presence, as sockets come and go.

/** A socket as the fanout sees it: it records the events it was given. */
function socket() {
  const got: number[] = []
  const session = { deliver: (_epoch: string, offset: number) => got.push(offset) }
  return { session: session as unknown as ConnectionSession, got }
}

describe('InboxFanout', () => {
  it('a removed socket gets no more events; the user’s other sockets still do', () => {
    const fanout = new InboxFanout()
    const a = socket()
    const b = socket()
    fanout.add('bob', a.session)
    fanout.add('bob', b.session)
    fanout.deliver('bob', 'e', 1, 'x')
    fanout.remove('bob', a.session)
    fanout.deliver('bob', 'e', 2, 'x')
    fanout.remove('bob', b.session)
    fanout.deliver('bob', 'e', 3, 'x')
    expect(a.got).toEqual([1])
    expect(b.got).toEqual([1, 2])
  })

  it('removing a socket it never had, for a user it never saw, changes nothing', () => {
    const fanout = new InboxFanout()
    const a = socket()
    fanout.add('bob', a.session)
    expect(() => fanout.remove('carol', a.session)).not.toThrow()
    fanout.deliver('bob', 'e', 1, 'x')
    expect(a.got).toEqual([1])
  })
})

describe('PresenceRegistry', () => {
  it('removing a socket it never had is not a last close', () => {
    const registry = new PresenceRegistry()
    expect(registry.remove(socket().session, 'carol')).toBe(false)
  })
})

describe('SessionInbox', () => {
  it('going live without having held anything sends nothing and closes nothing', () => {
    const sent: string[] = []
    const closed: number[] = []
    const inbox = new SessionInbox(10, { send: (t) => sent.push(t), close: (code) => closed.push(code) })
    inbox.goLive({ epoch: 'e', offset: 0 })
    inbox.deliver('e', 1, 'one')
    expect(sent).toEqual(['one'])
    expect(closed).toEqual([])
  })
})
