import { describe, expect, it } from 'vitest'
import { flush, harness, loginAs } from './harness.js'

// The snapshot's user: plain frozen data, one object for the whole session (a UI comparing it by
// identity does not re-render on every reconnect).

describe("the snapshot's user", () => {
  it('is frozen and stays the same object through reconnects of the session', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    const user = h.engine.getSnapshot().user
    expect(user).toEqual({ uid: 'alice', name: 'alice' })
    expect(Object.isFrozen(user)).toBe(true)
    h.last().serverClose(1006)
    h.clock.advance(h.engine.getSnapshot().nextRetryAt! - h.clock.now())
    h.last().accept()
    await flush()
    expect(h.engine.getSnapshot().status).toBe('connected')
    expect(h.engine.getSnapshot().user).toBe(user)
    expect(await h.engine.getLoggedInUser()).toBe(user)
  })
})
