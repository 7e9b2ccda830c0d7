import {
  type Clock,
  CloseCodes,
  ErrorCodes,
  type HistoryPage,
  type Recovery,
  type SendMessageFrame,
  type StreamPosition,
  type WireTextMessage,
  type WireUser,
} from '@cometchat-connection/core'
import { newAuthToken, randomHex } from '../common/random-hex.js'
import type { PresenceChange, PresenceHub } from '../store/presence-hub.js'
import { createMemoryBackend, type InboxRouting, type ServerBackend } from '../store/server-backend.js'
import type { ServerStore } from '../store/store.js'
import { isStoreUnavailable } from '../store/store-unavailable.js'
import type { TokenStore } from '../store/token-store.js'
import { AdmissionGate } from './admission-gate.js'
import { type AuthResult, ConnectionSession, type SessionHost } from './connection-session.js'
import { guardStore } from './guarded-store.js'
import { readHistoryPage } from './history-page.js'
import { type AccountOperations, failure, handleHttpRequest } from './http-api.js'
import type { HttpRequest, HttpResponse, LoginResponseBody } from './http-types.js'
import { InboxFanout } from './inbox-fanout.js'
import { resolveLimits, type ServerLimits, type ServerLimitsInput } from './limits.js'
import { MessageLog } from './message-log.js'
import { type OpenStreamContext, openStream } from './open-stream.js'
import { PresenceRegistry } from './presence-registry.js'
import type { ConnectionHandlers, ServerConnection } from './server-connection.js'
import { STORE_RETRY_AFTER_MS, withDeadline } from './store-deadline.js'
import { systemClock } from './system-clock.js'
import { UserCache } from './user-cache.js'

/** Options of {@link RealtimeServerCore}: the app, the limits (flat, see {@link ServerLimits}) and the ports. */
export interface RealtimeServerCoreOptions extends ServerLimitsInput {
  /** The app id clients must use. Default `'demo-app'`. */
  appId?: string
  /** The key for development login (`uid` + `authKey`). Default `'demo-auth-key'`. */
  authKey?: string
  /** Time source for timeouts and timestamps. Default: the real clock. */
  clock?: Clock
  /**
   * Where everything lives: inboxes, send-id dedupe, tokens, users, presence, and the routing between
   * processes. Default: {@link createMemoryBackend} (this process only) bounded by `inboxMaxEvents`,
   * `inboxMaxAgeMs`, `dedupeWindowMs` and `dedupeMaxPerSender`. `startServer({ redis })` passes the Redis
   * backend, which N processes share.
   */
  backend?: ServerBackend
  /** Where tokens live, instead of the backend's. */
  tokenStore?: TokenStore
  /**
   * Where inboxes and the send-id dedupe window live, instead of the backend's (bounded by its own
   * options; the core still reads at most `inboxMaxEvents` per replay page). A store passed here has no
   * routing: this process delivers the messages it stores itself.
   */
  store?: ServerStore
}

/** Options of {@link RealtimeServerCore.shutdown}. */
export interface ShutdownOptions {
  /** Close with 1012 ("service restart": back soon) instead of 1001 ("going away"). Default false. */
  restart?: boolean
  /** The close reason. Default `'server restarting'` or `'server shutting down'`. */
  reason?: string
}

/** Options of {@link RealtimeServerCore.sendThrottleNotice}. */
export interface ThrottleNoticeOptions {
  /** What is throttled. Default `'messages'`. */
  feature?: string
  /** How long clients should wait. Default 1000 ms. */
  retryAfterMs?: number
}

const noopHandlers: ConnectionHandlers = { onText() {}, onBinary() {}, onClose() {} }

/** Compares without an early exit, so response time does not reveal how much of the key matched. */
function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}

/**
 * The whole server protocol without any I/O: users, tokens, sockets (through {@link ServerConnection}),
 * presence, messages, limits and the HTTP API. It imports neither `ws` nor `node:` modules, so the same
 * logic runs behind the Node server ({@link startServer}) and inside a web page (the in-memory transport).
 *
 * @example
 * ```ts
 * const core = new RealtimeServerCore({ appId: 'demo-app', authKey: 'demo-auth-key' })
 * const handlers = core.openConnection('demo-app', { send: (t) => socket.send(t), close: (c, r) => socket.close(c, r) })
 * socket.onmessage = (e) => handlers.onText(String(e.data))
 * socket.onclose = () => handlers.onClose()
 * ```
 */
export class RealtimeServerCore {
  /** The app id clients must use. */
  readonly appId: string
  /** The resolved limits. */
  readonly limits: ServerLimits
  /** The clock everything is timed with. */
  readonly clock: Clock
  private readonly authKey: string
  /** Where everything lives (see {@link RealtimeServerCoreOptions.backend}). */
  readonly backend: ServerBackend
  /** Where inboxes and the send-id dedupe window live. */
  readonly store: ServerStore
  /** {@link store} with the `storeTimeoutMs` deadline on every call: what the core itself uses. */
  private readonly guarded: ServerStore
  private readonly tokens: TokenStore
  private readonly users: UserCache
  private readonly hub: PresenceHub
  /** Cross-process delivery, or null: this process delivers what it stores. */
  private readonly routing: InboxRouting | null
  private readonly sessions = new Set<ConnectionSession>()
  private readonly presence = new PresenceRegistry()
  private readonly fanout = new InboxFanout()
  /** Per socket, its last pending receiver lookup: its later sends wait behind it (see onSendMessage). */
  private readonly lookups = new WeakMap<ConnectionSession, Promise<void>>()
  private readonly admission: AdmissionGate | null
  private readonly log: MessageLog
  private readonly idPrefix = randomHex(4)
  private nextSessionId = 1
  private nextMessageId = 1
  /** The close code for sockets after {@link shutdown} (1001 or 1012), null while running. */
  private shutDown: { code: number; reason: string } | null = null
  private readonly host: SessionHost
  private readonly accounts: AccountOperations
  private readonly streams: OpenStreamContext

  /** @param options - app, limits and ports; every field has a default */
  constructor(options: RealtimeServerCoreOptions = {}) {
    this.appId = options.appId ?? 'demo-app'
    this.authKey = options.authKey ?? 'demo-auth-key'
    this.limits = resolveLimits(options)
    this.clock = options.clock ?? systemClock
    this.log = new MessageLog(this.limits.messageLogSize)
    const limits = this.limits
    this.backend =
      options.backend ??
      createMemoryBackend({
        now: () => this.clock.now(),
        maxEvents: limits.inboxMaxEvents,
        maxAgeMs: limits.inboxMaxAgeMs,
        dedupeWindowMs: limits.dedupeWindowMs,
        dedupeMaxPerSender: limits.dedupeMaxPerSender,
      })
    this.store = options.store ?? this.backend.store
    this.guarded = guardStore(this.store, this.clock, limits.storeTimeoutMs)
    this.tokens = options.tokenStore ?? this.backend.tokens
    this.users = new UserCache(this.backend.users, (value, what) =>
      withDeadline(value, this.clock, limits.storeTimeoutMs, what),
    )
    this.hub = this.backend.presence
    this.routing = options.store ? null : this.backend.routing
    this.backend.attach({
      deliver: (uid, epoch, offset, frame) => this.fanout.deliver(uid, epoch, offset, frame),
      presence: (change) => this.onPresenceChange(change),
      revoked: (token) => this.closeSessionsOf(token),
      outage: () => {},
      recovered: (lost) => {
        this.recover(lost).catch(() => {})
      },
    })
    this.admission =
      limits.maxHandshakesPerSecond > 0
        ? new AdmissionGate(limits.maxHandshakesPerSecond, limits.handshakeBurst, this.clock.now())
        : null
    this.streams = {
      store: this.guarded,
      pageSize: limits.inboxMaxEvents,
      sendAuthOk: (session, stream, recovery) => this.sendAuthOk(session, stream, recovery),
    }
    this.host = {
      limits: this.limits,
      clock: this.clock,
      authenticate: (token) => this.authenticate(token),
      onAuthenticated: (session, resume) => this.onAuthenticated(session, resume),
      onSendMessage: (session, frame) => this.onSendMessage(session, frame),
      onClosed: (session) => this.onClosed(session),
    }
    this.accounts = {
      appId: this.appId,
      maxHttpBodyBytes: this.limits.maxHttpBodyBytes,
      checkAuthKey: (key) => sameSecret(key, this.authKey),
      loginWithKey: (uid, name) => this.createSession(uid, name),
      loginWithToken: async (token) => {
        const result = await this.authenticate(token)
        return result.ok ? { user: { ...result.user }, authToken: token } : null
      },
      logout: async (token) => {
        await this.revokeToken(token)
      },
      userOfToken: async (token) => {
        const result = await this.authenticate(token)
        return result.ok ? result.user.uid : null
      },
      history: (uid, after, limit) => this.history(uid, after, limit),
    }
  }

  /**
   * Accepts a new socket for `appId` (from the URL's `?appId=`). Returns the handlers the binding calls
   * for its frames and its close. Over `maxHandshakesPerSecond` the socket is closed at once with 4013
   * and `retry after N ms` (see {@link AdmissionGate}); an unknown app is closed at once with 4004; after
   * {@link shutdown} every new socket is closed with its code (1001, or 1012 for a restart).
   */
  openConnection(appId: string | null, conn: ServerConnection): ConnectionHandlers {
    if (this.shutDown) {
      conn.close(this.shutDown.code, this.shutDown.reason)
      return noopHandlers
    }
    // First and cheapest: a crowd turned away costs one bucket check each, no parsing, no token lookup.
    const retryAfterMs = this.admission?.admit(this.clock.now()) ?? null
    if (retryAfterMs !== null) {
      conn.close(CloseCodes.TRY_AGAIN_LATER, `retry after ${retryAfterMs} ms`)
      return noopHandlers
    }
    if (appId !== this.appId) {
      conn.close(CloseCodes.UNKNOWN_APP, appId ? 'unknown appId' : 'missing appId')
      return noopHandlers
    }
    const session = new ConnectionSession(this.nextSessionId++, conn, this.host)
    this.sessions.add(session)
    session.start()
    return {
      onText: (text) => session.handleText(text),
      onBinary: () => session.handleBinary(),
      onClose: () => session.handleTransportClose(),
    }
  }

  /**
   * Answers one HTTP request (login, logout, history, health, CORS preflight). While the store is
   * unavailable the answer is 503 with `Retry-After` (never a 401: nothing is wrong with the client).
   */
  async handleHttp(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await handleHttpRequest(req, this.accounts)
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error
      return failure(503, ErrorCodes.SERVER_ERROR, 'The server cannot reach its store; try again shortly.', {
        'retry-after': String(Math.ceil(STORE_RETRY_AFTER_MS / 1000)),
      })
    }
  }

  /** Development login without HTTP: creates the user on first use and issues a token. */
  async createSession(uid: string, name?: string): Promise<LoginResponseBody> {
    const user = await this.users.ensure({ uid, name: name ?? uid })
    const authToken = newAuthToken()
    await withDeadline(
      this.tokens.save({
        token: authToken,
        appId: this.appId,
        uid,
        expiresAt: this.clock.now() + this.limits.tokenTtlMs,
      }),
      this.clock,
      this.limits.storeTimeoutMs,
      'saving a token',
    )
    return { user: { ...user }, authToken }
  }

  /**
   * Revokes a token; sockets authenticated with it are closed with 4001, on this process at once and on
   * the others through the backend. Resolves whether it was known.
   */
  async revokeToken(token: string): Promise<boolean> {
    const known = await withDeadline(
      this.tokens.revoke(token),
      this.clock,
      this.limits.storeTimeoutMs,
      'revoking a token',
    )
    this.closeSessionsOf(token)
    return known
  }

  /**
   * Sends a `throttle` frame to every authenticated socket, or only to those of `uid`.
   * Returns how many sockets were told.
   */
  sendThrottleNotice(uid?: string, options: ThrottleNoticeOptions = {}): number {
    const frame = {
      type: 'throttle',
      feature: options.feature ?? 'messages',
      retryAfterMs: options.retryAfterMs ?? 1000,
    } as const
    return this.forEachOpen(uid, (session) => session.send(frame))
  }

  /** Sends raw text (not necessarily a valid frame) to every authenticated socket or those of `uid`: for client robustness tests. */
  sendRawFrame(text: string, uid?: string): number {
    return this.forEachOpen(uid, (session) => session.sendText(text))
  }

  /** Closes every socket with `code` and `reason`; new sockets are still accepted. */
  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessions]) session.close(code, reason)
  }

  /**
   * Closes every socket with 1001 ("going away"), or 1012 ("service restart") with `restart: true`, and
   * refuses new ones with the same code. Clears every timer the core owns, so nothing keeps the process
   * alive.
   */
  shutdown(options: ShutdownOptions = {}): void {
    const code = options.restart ? CloseCodes.SERVICE_RESTART : CloseCodes.GOING_AWAY
    const reason = options.reason ?? (options.restart ? 'server restarting' : 'server shutting down')
    this.shutDown = { code, reason }
    this.closeAll(code, reason)
  }

  /** Sockets currently open (authenticated or still authenticating). */
  connectionCount(): number {
    return this.sessions.size
  }

  /**
   * Users with at least one authenticated socket, in the order they came online: on every process of a
   * cluster, as this process knows it (the presence changes of other processes reach it through the
   * backend, a moment later).
   */
  onlineUsers(): WireUser[] {
    return this.hub.online().map((entry) => entry.user)
  }

  /** Every user this process has created or seen so far (all users, with the in-memory backend). */
  knownUsers(): WireUser[] {
    return this.users.list()
  }

  /** The stored messages, oldest first (bounded by `messageLogSize`). */
  messages(): WireTextMessage[] {
    return this.log.list()
  }

  /**
   * One page of `uid`'s inbox after message `after` (from the oldest kept without it), oldest first, at
   * most `limit` messages: what `GET /v1/messages` answers. An `after` that is not (or no longer) in the
   * inbox starts at the oldest kept, with `truncated: true`.
   */
  history(uid: string, after: string | undefined, limit: number): Promise<HistoryPage> {
    return readHistoryPage(this.guarded, uid, after, limit)
  }

  /** Closes every socket authenticated with `token` (revoked here or on another process). */
  private closeSessionsOf(token: string): void {
    for (const session of [...this.sessions]) session.closeIfToken(token, 'token revoked')
  }

  private onPresenceChange(change: PresenceChange): void {
    // During shutdown everyone here is leaving: telling each leaver about the others is noise.
    if (this.shutDown === null) this.presence.broadcast(change.user, change.status, change.at)
  }

  /**
   * The store is back after an outage. Live events of the outage may have been missed, so every
   * authenticated socket is closed with 1012: its client comes back at once and resumes from its
   * position (a replay, or an \`'epoch'\` reset when the store lost its data). When the data was lost, the
   * tokens and users of the sockets open here are saved again first, so those clients keep their
   * sessions.
   */
  private async recover(lost: boolean): Promise<void> {
    const sessions = [...this.sessions].filter((session) => session.user !== null)
    if (lost) {
      await Promise.allSettled(
        sessions.map(async (session) => {
          const record = session.credentials
          if (!record) return
          await this.users.restore(record.user)
          await withDeadline(
            this.tokens.save(record.record),
            this.clock,
            this.limits.storeTimeoutMs,
            'saving a token',
          )
        }),
      )
    }
    for (const session of sessions)
      session.close(CloseCodes.SERVICE_RESTART, lost ? 'inbox stream reset' : 'store reconnected; resume')
  }

  private forEachOpen(uid: string | undefined, act: (session: ConnectionSession) => void): number {
    let count = 0
    for (const session of this.sessions) {
      if (session.isOpen && (uid === undefined || session.user?.uid === uid)) {
        act(session)
        count++
      }
    }
    return count
  }

  private async authenticate(token: string): Promise<AuthResult> {
    const record = await withDeadline(
      this.tokens.get(token),
      this.clock,
      this.limits.storeTimeoutMs,
      'checking a token',
    )
    if (!record || record.appId !== this.appId) return { ok: false, reason: 'invalid auth token' }
    if (record.expiresAt <= this.clock.now()) return { ok: false, reason: 'auth token expired' }
    // A persistent store may outlive the users: recreate the user rather than refuse a valid token.
    const user = await this.users.ensure({ uid: record.uid, name: record.uid })
    return { ok: true, user, record }
  }

  private onAuthenticated(session: ConnectionSession, resume: StreamPosition | undefined): void {
    const user = session.user
    if (!user) return
    // Registered before the stream is read: an event appended from now on reaches this socket (held
    // until its replay is done), and one appended before is in the read. With routing, "registered"
    // means the backend confirmed it watches the user, so the read waits for that.
    this.fanout.add(user.uid, session)
    session.holdLiveEvents()
    // Online before auth-ok: when the client hears it is connected, the cluster knows it is online.
    const joined = this.presence.add(session, user.uid) ? this.hub.join(user, this.clock.now()) : undefined
    const watched = this.routing?.watch(user.uid)
    const open = () =>
      openStream(session, this.streams, user.uid, resume).catch((error: unknown) =>
        session.failStore(error, 'inbox unavailable'),
      )
    // The in-memory backend answers at once: the stream is read in this same turn, as it always was.
    if (joined === undefined && watched === undefined) open()
    else
      Promise.all([joined, watched]).then(open, (error: unknown) =>
        session.failStore(error, 'inbox unavailable'),
      )
  }

  private sendAuthOk(
    session: ConnectionSession,
    stream: StreamPosition,
    recovery: Recovery | undefined,
  ): void {
    const user = session.user
    if (!user) return
    const now = this.clock.now()
    session.send({
      type: 'auth-ok',
      user: { ...user },
      serverTime: now,
      idleTimeoutMs: this.limits.idleTimeoutMs,
      stream,
      ...(recovery ? { recovery } : {}),
    })
    if (session.wantsPresence) this.presence.subscribe(session, user.uid, this.hub.online())
  }

  private onSendMessage(session: ConnectionSession, frame: SendMessageFrame): void {
    const sender = session.user
    if (!sender) return
    const refuse = (message: string, code: string = ErrorCodes.INVALID_ARGUMENT) =>
      session.send({ type: 'error', code, message, ref: frame.ref })
    if (frame.text.trim() === '') return refuse('text must not be empty')
    if (frame.text.length > this.limits.maxTextLength) {
      return refuse(`text is longer than ${this.limits.maxTextLength} characters`)
    }
    const decide = (found: WireUser | undefined) => {
      if (session.isClosed) return
      if (found) this.storeMessage(session, frame)
      else refuse(`unknown receiver ${JSON.stringify(frame.receiver)}`)
    }
    // A socket's sends are stored in the order they came: while a receiver lookup of this socket is
    // pending, later sends wait behind it, even those whose receiver is known by now.
    const pending = this.lookups.get(session)
    const receiver = pending ? undefined : this.users.find(frame.receiver)
    if (!pending && !(receiver instanceof Promise)) return decide(receiver)
    const next = (pending ?? Promise.resolve())
      .then(() => (pending ? this.users.find(frame.receiver) : receiver))
      .then(decide, () => refuse('the message could not be stored; send it again', ErrorCodes.SERVER_ERROR))
    this.lookups.set(session, next)
    next.finally(() => {
      if (this.lookups.get(session) === next) this.lookups.delete(session)
    })
  }

  /** Stores a checked `send-message`, acks it and (without routing) delivers it. */
  private storeMessage(session: ConnectionSession, frame: SendMessageFrame): void {
    const sender = session.user
    if (!sender) return
    const refuse = (message: string, code: string) =>
      session.send({ type: 'error', code, message, ref: frame.ref })
    const message: WireTextMessage = {
      id: `msg_${this.idPrefix}_${this.nextMessageId++}`,
      sender: sender.uid,
      receiver: frame.receiver,
      text: frame.text,
      sentAt: this.clock.now(),
    }
    this.guarded.appendMessage(message, frame.id).then(
      (stored) => {
        // The hot path: the message is serialized once, for the ack and the delivery alike.
        const body = JSON.stringify(stored.message)
        // A retried id: the ack carries the first message, and nothing is stored or delivered again.
        session.sendText(`{"type":"message-ack","ref":${JSON.stringify(frame.ref)},"message":${body}}`)
        if (stored.duplicate) return
        this.log.append(stored.message)
        // With routing the backend published the event with the append: every process watching the
        // receiver (this one too) delivers it from there, so each receiver's events arrive in offset order.
        if (this.routing) return
        const text = `{"type":"message","message":${body},"offset":${stored.offset}}`
        // Every socket of the receiver, the sending one included when someone writes to themselves:
        // a socket that skipped an event of its own stream would have a hole in its position.
        this.fanout.deliver(stored.message.receiver, stored.epoch, stored.offset, text)
      },
      () => refuse('the message could not be stored; send it again', ErrorCodes.SERVER_ERROR),
    )
  }

  private onClosed(session: ConnectionSession): void {
    this.sessions.delete(session)
    const user = session.user
    if (!user) return
    this.fanout.remove(user.uid, session)
    this.routing?.unwatch(user.uid)
    // A process of a cluster that stops keeps its users online: they reconnect to another process within
    // moments, and those who do not go offline when this process's heartbeat expires (no flicker).
    const stopping = this.shutDown !== null && this.routing !== null
    if (this.presence.remove(session, user.uid) && !stopping) this.hub.leave(user.uid, this.clock.now())
  }
}
