/** Counts by name, in the order names first appeared. */
export class Tally {
  private readonly counts = new Map<string, number>()

  /** Adds `n` (default 1) to `name`. */
  add(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n)
  }

  /** The count of `name` (0 when never added). */
  get(name: string): number {
    return this.counts.get(name) ?? 0
  }

  /** Every count, as `name n, name n`. */
  format(): string {
    return [...this.counts].map(([name, n]) => `${name} ${n}`).join(', ') || 'none'
  }

  /** The sum of every count. */
  total(): number {
    let sum = 0
    for (const n of this.counts.values()) sum += n
    return sum
  }
}
