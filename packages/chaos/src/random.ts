/**
 * A seeded stream of random numbers (mulberry32). Every decision of a chaos run comes from one, so a
 * seed replays the same schedule of faults and actions (their timing still depends on the machine).
 */
export interface Random {
  /** The seed this stream started from. */
  readonly seed: number
  /** A number in [0, 1). */
  next(): number
  /** A number in [min, max). */
  between(min: number, max: number): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One of `items` (not empty). */
  pick<T>(items: readonly T[]): T
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K
  /** An exponentially distributed delay with this mean: the gaps between events that arrive at random. */
  exponential(mean: number): number
  /**
   * An independent stream for `label`, derived from this stream's seed alone: what one engine or proxy
   * draws does not depend on how much the others drew.
   */
  fork(label: string): Random
}

/** FNV-1a of a string, mixed with a seed: stable labels to stable sub-seeds. */
function hashOf(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A stream seeded with `seed` (any integer; taken modulo 2^32). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random: Random = {
    seed,
    next,
    between: (min, max) => min + next() * (max - min),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(weights) {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0)
      for (const [key, weight] of entries) {
        roll -= weight
        if (roll < 0) return key
      }
      return entries[entries.length - 1]![0]
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    fork: (label) => createRandom(hashOf(seed, label)),
  }
  return random
}
