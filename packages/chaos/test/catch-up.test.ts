import { describe, expect, it } from 'vitest'
import { CatchUp } from '../src/catch-up.js'
import { Timers } from '../src/timers.js'

/** A fetch the test answers by hand, recording each call's `after`. */
function manualFetch() {
  const calls: Array<{ after: string | null; resolve: () => void; reject: () => void }> = []
  const fetchAll = (after: string | null) =>
    new Promise<void>((resolve, reject) =>
      calls.push({ after, resolve, reject: () => reject(new Error('down')) }),
    )
  return { calls, fetchAll }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('CatchUp', () => {
  it('fetches after the last delivered message and is done when the fetch is', async () => {
    const { calls, fetchAll } = manualFetch()
    const catchUp = new CatchUp(fetchAll, new Timers())
    catchUp.lost('msg_a_3')
    expect(calls.map((c) => c.after)).toEqual(['msg_a_3'])
    expect(catchUp.pending()).toBe(true)
    calls[0]!.resolve()
    await turn()
    expect(catchUp.pending()).toBe(false)
  })

  it('runs a newer reset after the one in flight, and retries a failed one until it succeeds', async () => {
    const { calls, fetchAll } = manualFetch()
    const timers = new Timers()
    const catchUp = new CatchUp(fetchAll, timers)
    catchUp.lost(null)
    catchUp.lost('msg_b_1') // while the first runs
    expect(calls).toHaveLength(1)
    calls[0]!.resolve()
    await turn()
    expect(calls.map((c) => c.after)).toEqual([null, 'msg_b_1'])
    calls[1]!.reject()
    await turn()
    expect(catchUp.pending()).toBe(true) // a retry is scheduled
    timers.stopAll()
  })
})
