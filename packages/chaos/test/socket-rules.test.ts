import type { AppStateValue } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { SocketRules } from '../src/socket-rules.js'
import { Violations } from '../src/violations.js'

/** A user as the rules see it, every part set by the test. */
function subject() {
  const s = {
    uid: 'u1',
    mode: 'auto' as 'auto' | 'manual',
    token: 'token' as string | null,
    live: 0,
    frozen: [] as Array<{ id: number; since: number }>,
    state: 'foreground' as AppStateValue,
    online: true,
    subscribers: 0,
  }
  return {
    s,
    view: {
      uid: s.uid,
      get mode() {
        return s.mode
      },
      engine: { getUserAuthToken: () => s.token, getConnectionStatus: () => 'connected' as const },
      sockets: { live: () => s.live },
      proxy: { frozenWebSockets: () => s.frozen },
      appState: { current: () => s.state, subscriberCount: () => s.subscribers },
      network: { isOnline: () => s.online, subscriberCount: () => 0 },
    },
  }
}

describe('SocketRules', () => {
  it('reports a socket opened with no session, offline, or in the background in auto mode', () => {
    const { s, view } = subject()
    const violations = new Violations(0)
    const rules = new SocketRules(view, violations)
    rules.opened()
    expect(violations.total()).toBe(0)
    s.token = null
    rules.opened()
    s.token = 'token'
    s.online = false
    rules.opened()
    s.online = true
    s.state = 'background'
    rules.opened()
    s.mode = 'manual'
    rules.opened() // manual mode keeps its socket in the background (B4)
    expect(violations.byKind()).toEqual([['socket while it should be closed', 3]])
  })

  it('reports a socket or a subscription left where none may be', () => {
    const { s, view } = subject()
    const violations = new Violations(0)
    const rules = new SocketRules(view, violations)
    rules.expectNoSocket('after disconnect()')
    rules.expectDetached('after logout()')
    s.live = 1
    s.subscribers = 1
    rules.expectNoSocket('after disconnect()')
    rules.expectDetached('after logout()')
    expect(violations.byKind().sort()).toEqual([
      ['socket while it should be closed', 1],
      ['subscription left', 1],
    ])
  })

  it('reports a silent socket kept past the bound in the foreground, not one that went to the background', () => {
    const { s, view } = subject()
    let now = 1_000
    const violations = new Violations(0)
    const rules = new SocketRules(view, violations, () => now)
    s.frozen = [{ id: 1, since: 2_000 }]
    now = 6_000
    rules.checkHalfOpen(5_000, () => 0)
    expect(violations.total()).toBe(0)
    now = 7_500
    rules.checkHalfOpen(5_000, () => 1_000) // the lag measured meanwhile is allowed too
    expect(violations.total()).toBe(0)
    now = 8_500
    rules.checkHalfOpen(5_000, () => 1_000)
    rules.checkHalfOpen(5_000, () => 1_000) // once per connection
    expect(violations.byKind()).toEqual([['half-open socket kept', 1]])
    s.state = 'background'
    rules.noteSources()
    now = 9_000
    s.state = 'foreground'
    rules.noteSources() // the streak starts again: after the next freeze's start
    s.frozen = [{ id: 2, since: 8_800 }]
    now = 20_000
    rules.checkHalfOpen(5_000, () => 0)
    expect(violations.total()).toBe(1)
  })
})
