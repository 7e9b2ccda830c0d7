import { describe, expect, it } from 'vitest'
import { createRandom } from '../src/random.js'

const draw = (seed: number, n = 20) => {
  const random = createRandom(seed)
  return Array.from({ length: n }, () => random.next())
}

describe('createRandom', () => {
  it('replays the same numbers for the same seed, and others for another seed', () => {
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
    for (const x of draw(7, 1000)) expect(x >= 0 && x < 1).toBe(true)
  })

  it('forks streams that depend on the seed and the label, not on what was drawn before', () => {
    const a = createRandom(5)
    const b = createRandom(5)
    b.next()
    b.next()
    expect(a.fork('u1').next()).toBe(b.fork('u1').next())
    expect(a.fork('u1').next()).not.toBe(a.fork('u2').next())
  })

  it('draws weighted keys in proportion, never a zero-weight one', () => {
    const random = createRandom(9)
    const seen = { often: 0, rarely: 0, never: 0 }
    for (let i = 0; i < 4000; i++) seen[random.weighted({ often: 3, rarely: 1, never: 0 })]++
    expect(seen.never).toBe(0)
    expect(seen.often / seen.rarely).toBeGreaterThan(2.5)
    expect(seen.often / seen.rarely).toBeLessThan(3.5)
  })

  it('draws exponential gaps with the asked mean and integers within their bounds', () => {
    const random = createRandom(11)
    let sum = 0
    for (let i = 0; i < 5000; i++) sum += random.exponential(100)
    expect(sum / 5000).toBeGreaterThan(90)
    expect(sum / 5000).toBeLessThan(110)
    const ints = new Set(Array.from({ length: 500 }, () => random.int(1, 3)))
    expect([...ints].sort()).toEqual([1, 2, 3])
  })
})
