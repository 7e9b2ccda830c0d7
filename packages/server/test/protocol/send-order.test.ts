import type { WireUser } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { createMemoryBackend, RealtimeServerCore, type UserDirectory } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, until } from '../helpers/fake-connection.js'

describe('the order of one socket’s sends with a store that answers later', () => {
  it('a send whose receiver is known by now still waits behind an earlier send whose lookup is pending', async () => {
    const backend = createMemoryBackend()
    const inner = backend.users
    // Lookups (not creations) wait until the test releases them, one by one, in order.
    const gates: Array<() => void> = []
    const users: UserDirectory = {
      ensure: (user) => inner.ensure(user),
      get: (uid) =>
        new Promise<WireUser | undefined>((resolve) => {
          gates.push(() => resolve(inner.get(uid) as WireUser | undefined))
        }),
    }
    const core = new RealtimeServerCore({ clock: new FakeClock(), backend: { ...backend, users } })
    // bob exists, but this process has not met him yet: his lookups go to the (slow) directory.
    inner.ensure({ uid: 'bob', name: 'bob' })
    const alice = await connectUser(core, 'alice')
    const acks = () => alice.conn.ofType('message-ack').map((f) => f.ref)
    const send = (text: string) =>
      alice.conn.sendFrame({ type: 'send-message', ref: text, receiver: 'bob', text })
    send('m0')
    send('m1')
    await until(() => gates.length >= 1, 'the first lookup')
    gates.shift()?.()
    await until(() => acks().length >= 1, 'm0 stored')
    // bob is known now: a new send must not overtake m1, still waiting behind its own lookup.
    send('m2')
    while (gates.length > 0) gates.shift()?.()
    await until(() => acks().length === 3 || gates.length > 0, 'all three')
    while (gates.length > 0) gates.shift()?.()
    await until(() => acks().length === 3, 'all three')
    expect(acks()).toEqual(['m0', 'm1', 'm2'])
    const inbox = await core.store.readStream('bob', 0, 10)
    expect(inbox.events.map((e) => e.message.text)).toEqual(['m0', 'm1', 'm2'])
  })
})
