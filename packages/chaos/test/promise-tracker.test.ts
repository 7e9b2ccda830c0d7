import { CometChatException } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { PromiseTracker } from '../src/promise-tracker.js'
import { promiseBounds } from '../src/timing.js'
import { Violations } from '../src/violations.js'

/** A tracker on a clock the test moves, with `lag` ms of measured event-loop lag. */
function setup(lag = 0) {
  let now = 0
  const violations = new Violations(0)
  const bounds = { ...promiseBounds(), ping: 2000 }
  const tracker = new PromiseTracker(
    bounds,
    500,
    () => lag,
    violations,
    () => now,
  )
  return { tracker, violations, advance: (ms: number) => (now += ms) }
}

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => {})
  return { promise, resolve, reject }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('PromiseTracker', () => {
  it('accepts a promise settled within its bound plus the margin, and counts it by outcome', async () => {
    const { tracker, violations, advance } = setup()
    const ok = deferred()
    const failed = deferred()
    tracker.track('ping', 'u1', ok.promise)
    tracker.track('ping', 'u2', failed.promise)
    advance(2400)
    ok.resolve()
    failed.reject(new CometChatException('ERR_PING_TIMEOUT', 'no pong'))
    await flush()
    expect(violations.total()).toBe(0)
    const ping = tracker.figures().find((f) => f.kind === 'ping')!
    expect(ping).toMatchObject({ settled: 2, resolved: 1, slowestMs: 2400, boundMs: 2000, pending: 0 })
    expect([...ping.rejected]).toEqual([['ERR_PING_TIMEOUT', 1]])
  })

  it('reports a promise that settles after its bound, margin and lag', async () => {
    const { tracker, violations, advance } = setup()
    const late = deferred()
    tracker.track('ping', 'u1', late.promise)
    advance(2501)
    late.resolve()
    await flush()
    expect(violations.byKind()).toEqual([['promise over its bound', 1]])
  })

  it('allows the event-loop lag measured while the promise waited', async () => {
    const { tracker, violations, advance } = setup(300)
    const late = deferred()
    tracker.track('ping', 'u1', late.promise)
    advance(2700)
    late.resolve()
    await flush()
    expect(violations.total()).toBe(0)
  })

  it('reports a hanging promise while it still hangs, once', () => {
    const { tracker, violations, advance } = setup()
    tracker.track('connect', 'u1', new Promise(() => {}))
    tracker.sweep()
    expect(violations.total()).toBe(0)
    advance(promiseBounds().connect + 501)
    tracker.sweep()
    tracker.sweep()
    expect(violations.byKind()).toEqual([['promise never settled', 1]])
    expect(tracker.pendingCount('connect')).toBe(1)
  })

  it('reports a rejection code that cannot be right in the run, and no other', async () => {
    const violations = new Violations(0)
    const tracker = new PromiseTracker(promiseBounds(), 500, () => 0, violations, Date.now, {
      login: { ERR_AUTH_FAILED: 'the key is right' },
    })
    const wrong = deferred()
    const fine = deferred()
    tracker.track('login', 'u1', wrong.promise)
    tracker.track('login', 'u2', fine.promise)
    wrong.reject(new CometChatException('ERR_AUTH_FAILED', 'Login failed.'))
    fine.reject(new CometChatException('ERR_NETWORK_REQUEST_FAILED', 'no answer'))
    await flush()
    expect(violations.examples().map((v) => v.message)).toEqual([
      'u1 login() rejected ERR_AUTH_FAILED ("Login failed."): the key is right',
    ])
  })
})
