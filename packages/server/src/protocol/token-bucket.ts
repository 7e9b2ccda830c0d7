/**
 * A token bucket: `burst` tokens, refilled continuously at `perSecond`. Time is passed in (epoch ms) so
 * the bucket has no clock of its own and tests can drive it.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  /**
   * @param perSecond - refill rate, tokens per second
   * @param burst - capacity; the bucket starts full
   * @param now - the current time, epoch ms
   */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst
    this.updatedAt = now
  }

  private refill(now: number): void {
    // A clock that goes backwards (NTP step) must not drain the bucket.
    const elapsed = Math.max(0, now - this.updatedAt)
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000)
    this.updatedAt = now
  }

  /** Takes one token; false when the bucket is empty (the frame should be dropped). */
  take(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Whether the bucket is full again (the client has been calm for a whole refill). */
  isFull(now: number): boolean {
    this.refill(now)
    return this.tokens >= this.burst
  }

  /** Milliseconds until one token is available (0 when one is). */
  msUntilToken(now: number): number {
    this.refill(now)
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond)
  }
}
