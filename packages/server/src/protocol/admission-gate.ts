import { TokenBucket } from './token-bucket.js'

/**
 * The floor of every retry window, ms: even a crowd of one is spread over this much, so clients turned
 * away in the same millisecond do not come back in the same millisecond.
 */
export const ADMISSION_JITTER_MS = 500

/**
 * Admission control for new sockets: a server-wide token bucket of handshakes. A socket over the rate is
 * told to come back within a window sized so the crowd turned away returns at about the admitted rate:
 *
 * `N = ceil(1000 × backlog / rate) + ADMISSION_JITTER_MS`, where `backlog` counts the sockets turned away
 * and not yet due back: each refusal adds 1, and it drains at `rate` per second. A client waits a random
 * time in `[0, N]` (full jitter), so `backlog` clients spread over `backlog / rate` seconds.
 */
export class AdmissionGate {
  private readonly bucket: TokenBucket
  private backlog = 0
  private backlogAt: number

  /**
   * @param perSecond - handshakes admitted per second (> 0)
   * @param burst - handshakes admitted at once above the rate
   * @param now - the current time, epoch ms
   */
  constructor(
    private readonly perSecond: number,
    burst: number,
    now: number,
  ) {
    this.bucket = new TokenBucket(perSecond, burst, now)
    this.backlogAt = now
  }

  /** null when the socket is admitted; else the retry window N in ms to send it away with. */
  admit(now: number): number | null {
    if (this.bucket.take(now)) return null
    const drained = (Math.max(0, now - this.backlogAt) * this.perSecond) / 1000
    this.backlog = Math.max(0, this.backlog - drained) + 1
    this.backlogAt = now
    return Math.ceil((1000 * this.backlog) / this.perSecond) + ADMISSION_JITTER_MS
  }
}
