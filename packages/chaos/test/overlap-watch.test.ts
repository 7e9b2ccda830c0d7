import { describe, expect, it } from 'vitest'
import { OverlapWatch } from '../src/overlap-watch.js'

describe('OverlapWatch', () => {
  it('counts two sockets for less than the grace period as transient, and reports a longer overlap once', () => {
    let now = 0
    const watch = new OverlapWatch(1000, () => now)
    const reported: string[] = []
    const check = () => watch.check((who, forMs) => reported.push(`${who} ${forMs}`))
    watch.changed('u1', 2)
    now = 900
    check()
    watch.changed('u1', 1)
    expect(watch.transient).toBe(1)
    watch.changed('u2', 2)
    now = 2000
    check()
    check()
    expect(reported).toEqual(['u2 1100'])
    watch.changed('u2', 0)
    expect(watch.transient).toBe(1)
  })
})
