import { invalidOption } from '../common/invalid-option.js'

/** Token-bucket settings of the per-connection rate limit. */
export interface RateLimit {
  /** Sustained frames per second a connection may send. Default 20. */
  readonly framesPerSecond: number
  /** Frames a connection may send in one burst (the bucket size). Default 40. */
  readonly burst: number
  /**
   * Frames dropped in one throttle episode before the socket is closed with 4029. Default 100.
   * An episode starts at the first dropped frame and ends once the bucket is full again.
   */
  readonly maxDroppedFrames: number
}

/** Every limit and timeout of the server. Each one is documented in PROTOCOL.md with what happens on breach. */
export interface ServerLimits {
  /** Largest accepted frame, UTF-8 bytes. Larger → close 1009. Default 65536 (64 KiB). */
  readonly maxFrameBytes: number
  /** Time a new socket has to send its auth frame. Then → close 4002. Default 5000 ms. */
  readonly authTimeoutMs: number
  /** No frame from an authenticated client for this long → close 4008. Default 60000 ms. */
  readonly idleTimeoutMs: number
  /**
   * After this much client silence the server sends a `ping`, so a live client answers before the idle
   * timeout closes it. 0 disables server pings. Default: half the idle timeout.
   */
  readonly serverPingAfterMs: number
  /** Lifetime of an auth token. Sockets authenticated with it are closed (4001) when it expires. Default 24 h. */
  readonly tokenTtlMs: number
  /** Per-connection rate limit. */
  readonly rateLimit: RateLimit
  /** Malformed frames (bad JSON, unknown type, bad field) tolerated per connection; the next → close 4400. Default 10 (the 10th closes). */
  readonly maxMalformedFrames: number
  /** Longest message text, UTF-16 code units; longer → `error` frame. Default 10000. */
  readonly maxTextLength: number
  /** Largest HTTP request body, bytes; larger → 413. Default 16384. */
  readonly maxHttpBodyBytes: number
  /** Messages kept in the in-memory log (oldest dropped first). Default 1000. */
  readonly messageLogSize: number
  /**
   * Events kept per user inbox (for resume and history); older ones are trimmed. Default 1000.
   * The inbox keeps the last `inboxMaxEvents` or the last `inboxMaxAgeMs`, whichever is smaller.
   */
  readonly inboxMaxEvents: number
  /** Inbox events older than this are trimmed, ms. Default 86400000 (24 h). */
  readonly inboxMaxAgeMs: number
  /** How long a `send-message` id is remembered for dedupe, ms. Default: `inboxMaxAgeMs`. */
  readonly dedupeWindowMs: number
  /** Most send ids remembered per sender (oldest forgotten first). Default 1000. */
  readonly dedupeMaxPerSender: number
  /**
   * New sockets admitted per second (token bucket, server-wide); sockets over it are closed at once with
   * 4013 and `retry after N ms`. 0 turns admission control off. Default 1000.
   */
  readonly maxHandshakesPerSecond: number
  /** Sockets admitted in one burst above the rate (the bucket size). Default: `maxHandshakesPerSecond` (at least 1). */
  readonly handshakeBurst: number
  /**
   * Deadline of every store call (token check, inbox read or append, users, presence), ms. A store that
   * has not answered by then counts as unavailable: an authenticating socket is closed with 4013 and
   * `retry after N ms`, a send gets an `error` frame, an HTTP request 503. Default 5000.
   */
  readonly storeTimeoutMs: number
}

/** A partial set of limits, as accepted by the server's options (`rateLimit` may be partial too). */
export type ServerLimitsInput = Partial<Omit<ServerLimits, 'rateLimit'>> & { rateLimit?: Partial<RateLimit> }

/** The default limits (see {@link ServerLimits} for each). */
export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  maxFrameBytes: 64 * 1024,
  authTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  serverPingAfterMs: 30_000,
  tokenTtlMs: 24 * 60 * 60 * 1000,
  rateLimit: Object.freeze({ framesPerSecond: 20, burst: 40, maxDroppedFrames: 100 }),
  maxMalformedFrames: 10,
  maxTextLength: 10_000,
  maxHttpBodyBytes: 16 * 1024,
  messageLogSize: 1_000,
  inboxMaxEvents: 1_000,
  inboxMaxAgeMs: 24 * 60 * 60 * 1000,
  dedupeWindowMs: 24 * 60 * 60 * 1000,
  dedupeMaxPerSender: 1_000,
  maxHandshakesPerSecond: 1_000,
  handshakeBurst: 1_000,
  storeTimeoutMs: 5_000,
})

function positive(name: string, value: number, integer: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidOption(name, integer ? 'a positive integer' : 'a positive, finite number', value)
  }
  return value
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalidOption(name, 'a finite number ≥ 0 (0: off)', value)
  return value
}

/**
 * Fills in defaults and validates every limit; throws `ERR_INVALID_ARGUMENT` naming the bad one.
 * `serverPingAfterMs` defaults to half of the (possibly custom) idle timeout and may be 0 (off);
 * `dedupeWindowMs` defaults to the inbox age and `handshakeBurst` to the handshake rate.
 */
export function resolveLimits(input: ServerLimitsInput = {}): ServerLimits {
  const idleTimeoutMs = positive('idleTimeoutMs', input.idleTimeoutMs ?? DEFAULT_LIMITS.idleTimeoutMs, false)
  const serverPingAfterMs = input.serverPingAfterMs ?? Math.floor(idleTimeoutMs / 2)
  if (
    typeof serverPingAfterMs !== 'number' ||
    !Number.isFinite(serverPingAfterMs) ||
    serverPingAfterMs < 0 ||
    serverPingAfterMs >= idleTimeoutMs
  ) {
    throw invalidOption(
      'serverPingAfterMs',
      `0 (off) or a number below idleTimeoutMs (${idleTimeoutMs})`,
      serverPingAfterMs,
    )
  }
  const rate = { ...DEFAULT_LIMITS.rateLimit, ...input.rateLimit }
  const inboxMaxAgeMs = positive('inboxMaxAgeMs', input.inboxMaxAgeMs ?? DEFAULT_LIMITS.inboxMaxAgeMs, false)
  const maxHandshakesPerSecond = nonNegative(
    'maxHandshakesPerSecond',
    input.maxHandshakesPerSecond ?? DEFAULT_LIMITS.maxHandshakesPerSecond,
  )
  return Object.freeze({
    maxFrameBytes: positive('maxFrameBytes', input.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes, true),
    authTimeoutMs: positive('authTimeoutMs', input.authTimeoutMs ?? DEFAULT_LIMITS.authTimeoutMs, false),
    idleTimeoutMs,
    serverPingAfterMs,
    tokenTtlMs: positive('tokenTtlMs', input.tokenTtlMs ?? DEFAULT_LIMITS.tokenTtlMs, false),
    rateLimit: Object.freeze({
      framesPerSecond: positive('rateLimit.framesPerSecond', rate.framesPerSecond, false),
      burst: positive('rateLimit.burst', rate.burst, true),
      maxDroppedFrames: positive('rateLimit.maxDroppedFrames', rate.maxDroppedFrames, true),
    }),
    maxMalformedFrames: positive(
      'maxMalformedFrames',
      input.maxMalformedFrames ?? DEFAULT_LIMITS.maxMalformedFrames,
      true,
    ),
    maxTextLength: positive('maxTextLength', input.maxTextLength ?? DEFAULT_LIMITS.maxTextLength, true),
    maxHttpBodyBytes: positive(
      'maxHttpBodyBytes',
      input.maxHttpBodyBytes ?? DEFAULT_LIMITS.maxHttpBodyBytes,
      true,
    ),
    messageLogSize: positive('messageLogSize', input.messageLogSize ?? DEFAULT_LIMITS.messageLogSize, true),
    inboxMaxEvents: positive('inboxMaxEvents', input.inboxMaxEvents ?? DEFAULT_LIMITS.inboxMaxEvents, true),
    inboxMaxAgeMs,
    dedupeWindowMs: positive('dedupeWindowMs', input.dedupeWindowMs ?? inboxMaxAgeMs, false),
    dedupeMaxPerSender: positive(
      'dedupeMaxPerSender',
      input.dedupeMaxPerSender ?? DEFAULT_LIMITS.dedupeMaxPerSender,
      true,
    ),
    maxHandshakesPerSecond,
    handshakeBurst: positive(
      'handshakeBurst',
      input.handshakeBurst ?? Math.max(1, Math.ceil(maxHandshakesPerSecond)),
      true,
    ),
    storeTimeoutMs: positive('storeTimeoutMs', input.storeTimeoutMs ?? DEFAULT_LIMITS.storeTimeoutMs, false),
  })
}
