import {
  type AuthFrame,
  type Clock,
  CloseCodes,
  ErrorCodes,
  PROTOCOL_VERSION,
  type SendMessageFrame,
  type ServerFrame,
  type StreamPosition,
  type WireUser,
} from '@cometchat-connection/core'
import { isStoreUnavailable } from '../store/store-unavailable.js'
import type { TokenRecord } from '../store/token-store.js'
import { decodeClientFrame } from './decode-client-frame.js'
import type { ServerLimits } from './limits.js'
import type { ServerConnection } from './server-connection.js'
import { SessionInbox } from './session-inbox.js'
import { STORE_UNAVAILABLE_REASON } from './store-deadline.js'
import { TokenBucket } from './token-bucket.js'
import { exceedsUtf8Bytes } from './utf8-length.js'

/** Longest delay a `setTimeout` accepts (2^31 − 1 ms); longer ones fire at once in browsers and Node. */
const MAX_TIMER_MS = 2_147_483_647

/** The outcome of checking an auth token. */
export type AuthResult = { ok: true; user: WireUser; record: TokenRecord } | { ok: false; reason: string }

/** What a {@link ConnectionSession} needs from the server core. */
export interface SessionHost {
  readonly limits: ServerLimits
  readonly clock: Clock
  /** Checks a token (the store may be async). */
  authenticate(token: string): Promise<AuthResult>
  /**
   * The token is valid: the host reads the user's stream, calls {@link ConnectionSession.open}, sends
   * `auth-ok` (with the answer to `resume`), replays, then {@link ConnectionSession.goLive}.
   */
  onAuthenticated(session: ConnectionSession, resume: StreamPosition | undefined): void
  /** An authenticated session asked to send a message. */
  onSendMessage(session: ConnectionSession, frame: SendMessageFrame): void
  /** The session is closed (by either side); forget it. Called exactly once. */
  onClosed(session: ConnectionSession): void
}

type State = 'awaiting-auth' | 'authenticating' | 'open' | 'closed'

/**
 * One socket's protocol state: the auth handshake, limits (size, rate, malformed frames), the idle
 * timeout with server pings, token expiry, and its place in its user's inbox stream (so no live event
 * is sent twice, out of order, or lost while a replay runs). Everything global (users, presence,
 * messages) is the host's.
 */
export class ConnectionSession {
  private state: State = 'awaiting-auth'
  private authed: { user: WireUser; record: TokenRecord; presence: boolean } | null = null
  private readonly bucket: TokenBucket
  private throttled = false
  private droppedInEpisode = 0
  private malformedCount = 0
  private lastClientFrameAt: number
  private serverPingSent = false
  private serverPingSeq = 0
  private authTimer: unknown
  /** The deadline of the whole auth phase's store work (token, user, presence, stream): `storeTimeoutMs`. */
  private storeTimer: unknown
  private livenessTimer: unknown
  private expiryTimer: unknown
  /** This socket's place in its user's inbox stream. */
  private readonly inbox: SessionInbox

  /**
   * @param id - unique per server, for logs and ordering
   * @param conn - the socket
   * @param host - the server core
   */
  constructor(
    readonly id: number,
    private readonly conn: ServerConnection,
    private readonly host: SessionHost,
  ) {
    const now = host.clock.now()
    const { framesPerSecond, burst } = host.limits.rateLimit
    this.bucket = new TokenBucket(framesPerSecond, burst, now)
    this.lastClientFrameAt = now
    this.inbox = new SessionInbox(host.limits.inboxMaxEvents, {
      send: (text) => this.sendText(text),
      close: (code, reason) => this.close(code, reason),
    })
  }

  /** The authenticated user, or null before auth. */
  get user(): WireUser | null {
    return this.authed?.user ?? null
  }

  /** The user and token record this socket authenticated with, or null before auth. */
  get credentials(): { user: WireUser; record: TokenRecord } | null {
    return this.authed ? { user: this.authed.user, record: this.authed.record } : null
  }

  /** Whether the client asked for presence in its auth frame. */
  get wantsPresence(): boolean {
    return this.authed?.presence ?? false
  }

  /** Whether the socket is authenticated and not closed. */
  get isOpen(): boolean {
    return this.state === 'open'
  }

  /** Whether the socket is closed (by either side). */
  get isClosed(): boolean {
    return this.state === 'closed'
  }

  /**
   * Starts holding live inbox events: called when the host registers the socket for its user's events,
   * before it reads the stream. Events that land meanwhile wait until {@link goLive}.
   */
  holdLiveEvents(): void {
    this.inbox.hold()
  }

  /**
   * The token checked out and the stream was read: the socket is usable from now on (its idle and expiry
   * timers start). The host sends `auth-ok` right after.
   */
  open(): void {
    if (this.state !== 'authenticating') return
    this.state = 'open'
    if (this.storeTimer !== undefined) this.host.clock.clearTimeout(this.storeTimer)
    this.storeTimer = undefined
    const now = this.host.clock.now()
    this.lastClientFrameAt = now
    this.armLiveness(now)
    this.armExpiry(now)
  }

  /** The replay (if any) is done and this socket stands at `position`: held and later live events flow. */
  goLive(position: StreamPosition): void {
    if (this.state !== 'closed') this.inbox.goLive(position)
  }

  /** A live event of this socket's user (see {@link SessionInbox.deliver}). */
  deliver(epoch: string, offset: number, text: string): void {
    if (this.state !== 'closed') this.inbox.deliver(epoch, offset, text)
  }

  /**
   * Sends a frame of a long run (a replay) with the binding's back-pressure: resolves when the next one
   * may go, at once when the binding has none.
   */
  sendPaced(text: string): Promise<void> | undefined {
    if (this.state === 'closed') return undefined
    if (this.conn.sendPaced) return this.conn.sendPaced(text)
    this.conn.send(text)
    return undefined
  }

  /** Starts the auth timeout. */
  start(): void {
    this.authTimer = this.host.clock.setTimeout(() => {
      this.authTimer = undefined
      if (this.state === 'awaiting-auth') this.close(CloseCodes.AUTH_TIMEOUT, 'no auth frame in time')
    }, this.host.limits.authTimeoutMs)
  }

  /** Handles one text frame from the client. */
  handleText(text: string): void {
    if (this.state === 'closed') return
    if (!this.admit()) return
    // Size after the rate limit: an oversized frame still costs a token, but is never parsed.
    if (exceedsUtf8Bytes(text, this.host.limits.maxFrameBytes)) {
      this.close(CloseCodes.FRAME_TOO_LARGE, 'frame too large')
      return
    }
    const frame = decodeClientFrame(text)
    if (this.state !== 'open') {
      this.handleBeforeAuth(frame)
      return
    }
    switch (frame.type) {
      case 'decode-error':
        this.malformed(frame.message)
        return
      case 'ping':
        this.send({ type: 'pong', id: frame.id })
        return
      case 'pong':
        // Any frame already counted as activity; the id needs no check.
        return
      case 'auth':
        this.send({
          type: 'error',
          code: ErrorCodes.INVALID_ARGUMENT,
          message: 'this socket is already authenticated',
        })
        return
      case 'send-message':
        this.host.onSendMessage(this, frame)
        return
    }
  }

  /** Handles a binary frame: the protocol is text only. */
  handleBinary(): void {
    if (this.state === 'closed') return
    if (!this.admit()) return
    if (this.state !== 'open') this.close(CloseCodes.NOT_AUTHENTICATED, 'authenticate first')
    else this.malformed('binary frames are not part of the protocol')
  }

  /** The transport reports the socket closed (by the client, the network, or after our own close). */
  handleTransportClose(): void {
    if (this.state === 'closed') return
    this.finish()
  }

  /** Sends a frame if the socket is still open. */
  send(frame: ServerFrame): void {
    this.sendText(JSON.stringify(frame))
  }

  /** Sends ready frame text: a frame serialized once for several sockets, or garbage in robustness tests. */
  sendText(text: string): void {
    if (this.state === 'closed') return
    this.conn.send(text)
  }

  /** Closes the socket with a code and reason, and forgets it at once. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return
    this.finish()
    this.conn.close(code, reason)
  }

  /**
   * The store failed while this socket authenticated or opened its stream: 4013 with a retry hint when
   * the store is unavailable (the client comes back later), else 1011 with `reason`.
   */
  failStore(error: unknown, reason: string): void {
    if (isStoreUnavailable(error)) this.close(CloseCodes.TRY_AGAIN_LATER, STORE_UNAVAILABLE_REASON)
    else this.close(CloseCodes.INTERNAL_ERROR, reason)
  }

  /** Closes with 4001 if this socket authenticated with `token` (revoked). */
  closeIfToken(token: string, reason: string): void {
    if (this.authed?.record.token === token) this.close(CloseCodes.AUTH_FAILED, reason)
  }

  private finish(): void {
    this.state = 'closed'
    for (const timer of [this.authTimer, this.storeTimer, this.livenessTimer, this.expiryTimer]) {
      if (timer !== undefined) this.host.clock.clearTimeout(timer)
    }
    this.authTimer = this.storeTimer = this.livenessTimer = this.expiryTimer = undefined
    this.host.onClosed(this)
  }

  /** Rate limit: true when the frame may be processed. Every frame, even a dropped one, counts as activity. */
  private admit(): boolean {
    const now = this.host.clock.now()
    this.lastClientFrameAt = now
    if (this.serverPingSent) {
      // The timer was armed for the idle deadline while waiting for an answer; re-arm it for the next
      // ping. This happens once per server ping, so busy sockets still cause no timer churn.
      this.serverPingSent = false
      if (this.state === 'open' && this.livenessTimer !== undefined) {
        this.host.clock.clearTimeout(this.livenessTimer)
        this.armLiveness(now)
      }
    }
    if (this.throttled && this.bucket.isFull(now)) {
      this.throttled = false
      this.droppedInEpisode = 0
    }
    if (this.bucket.take(now)) return true
    this.droppedInEpisode++
    if (this.droppedInEpisode > this.host.limits.rateLimit.maxDroppedFrames) {
      this.close(CloseCodes.RATE_LIMITED, 'rate limit exceeded')
      return false
    }
    if (!this.throttled) {
      // One notice per episode: answering every dropped frame would let a flood amplify itself.
      this.throttled = true
      this.send({
        type: 'throttle',
        feature: 'frames',
        retryAfterMs: Math.max(1, this.bucket.msUntilToken(now)),
      })
    }
    return false
  }

  private malformed(message: string): void {
    this.malformedCount++
    this.send({ type: 'error', code: ErrorCodes.MALFORMED_FRAME, message })
    if (this.malformedCount >= this.host.limits.maxMalformedFrames) {
      this.close(CloseCodes.PROTOCOL_ERROR, 'too many malformed frames')
    }
  }

  private handleBeforeAuth(frame: ReturnType<typeof decodeClientFrame>): void {
    if (this.state === 'authenticating') {
      // The client must wait for auth-ok; pipelining before it is refused like any early frame.
      this.close(CloseCodes.NOT_AUTHENTICATED, 'wait for auth-ok')
      return
    }
    if (frame.type === 'decode-error') {
      // A broken auth frame is a protocol error (client bug), not a bad token: 4001 would clear the session.
      if (frame.frameType === 'auth') this.refuseAuth(frame.message)
      else this.close(CloseCodes.NOT_AUTHENTICATED, 'authenticate first')
      return
    }
    if (frame.type !== 'auth') {
      this.close(CloseCodes.NOT_AUTHENTICATED, 'authenticate first')
      return
    }
    if (frame.v !== PROTOCOL_VERSION) {
      this.refuseAuth(`unsupported protocol version ${frame.v}; this server speaks ${PROTOCOL_VERSION}`)
      return
    }
    this.authenticate(frame)
  }

  private refuseAuth(message: string): void {
    this.send({ type: 'error', code: ErrorCodes.MALFORMED_FRAME, message })
    this.close(CloseCodes.PROTOCOL_ERROR, 'bad auth frame')
  }

  private authenticate(frame: AuthFrame): void {
    this.state = 'authenticating'
    if (this.authTimer !== undefined) this.host.clock.clearTimeout(this.authTimer)
    this.authTimer = undefined
    // One deadline for the whole phase: a hung store must not keep a socket authenticating forever.
    this.storeTimer = this.host.clock.setTimeout(() => {
      this.storeTimer = undefined
      if (this.state === 'authenticating') this.close(CloseCodes.TRY_AGAIN_LATER, STORE_UNAVAILABLE_REASON)
    }, this.host.limits.storeTimeoutMs)
    this.host.authenticate(frame.authToken).then(
      (result) => {
        if (this.state === 'closed') return
        if (!result.ok) {
          this.close(CloseCodes.AUTH_FAILED, result.reason)
          return
        }
        this.authed = { user: result.user, record: result.record, presence: frame.presence === true }
        this.host.onAuthenticated(this, frame.resume)
      },
      (error: unknown) => this.failStore(error, 'auth check failed'),
    )
  }

  private armLiveness(now: number): void {
    const { idleTimeoutMs, serverPingAfterMs } = this.host.limits
    const idleDue = this.lastClientFrameAt + idleTimeoutMs
    const pingDue =
      serverPingAfterMs > 0 && !this.serverPingSent ? this.lastClientFrameAt + serverPingAfterMs : idleDue
    const due = Math.min(idleDue, pingDue)
    // One timer re-armed from deadlines: client activity only updates a timestamp, so a busy socket costs
    // no timer churn, and a late timer (throttled tab) still acts on the true elapsed time.
    this.livenessTimer = this.host.clock.setTimeout(() => this.onLivenessTimer(), Math.max(0, due - now))
  }

  private onLivenessTimer(): void {
    this.livenessTimer = undefined
    if (this.state !== 'open') return
    const now = this.host.clock.now()
    const silentFor = now - this.lastClientFrameAt
    const { idleTimeoutMs, serverPingAfterMs } = this.host.limits
    if (silentFor >= idleTimeoutMs) {
      this.close(CloseCodes.IDLE_TIMEOUT, 'idle timeout')
      return
    }
    if (serverPingAfterMs > 0 && !this.serverPingSent && silentFor >= serverPingAfterMs) {
      this.serverPingSent = true
      this.send({ type: 'ping', id: `s${this.id}-${++this.serverPingSeq}` })
    }
    this.armLiveness(now)
  }

  private armExpiry(now: number): void {
    const expiresAt = this.authed?.record.expiresAt ?? Number.POSITIVE_INFINITY
    if (!Number.isFinite(expiresAt)) return
    this.expiryTimer = this.host.clock.setTimeout(
      () => {
        this.expiryTimer = undefined
        if (this.state !== 'open') return
        const t = this.host.clock.now()
        if (t >= expiresAt) this.close(CloseCodes.AUTH_FAILED, 'token expired')
        else this.armExpiry(t)
      },
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - now)),
    )
  }
}
