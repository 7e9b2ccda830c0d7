import {
  type Clock,
  CloseCodes,
  ErrorCodes,
  type SendMessageFrame,
  type WireTextMessage,
  type WireUser,
} from '@cometchat-connection/core'
import { type AuthResult, ConnectionSession, type SessionHost } from './connection-session.js'
import { type AccountOperations, handleHttpRequest } from './http-api.js'
import type { HttpRequest, HttpResponse, LoginResponseBody } from './http-types.js'
import { resolveLimits, type ServerLimits, type ServerLimitsInput } from './limits.js'
import { MessageLog } from './message-log.js'
import { PresenceRegistry } from './presence-registry.js'
import { newAuthToken, randomHex } from './random-hex.js'
import type { ConnectionHandlers, ServerConnection } from './server-connection.js'
import { systemClock } from './system-clock.js'
import { createMemoryTokenStore, type TokenStore } from './token-store.js'

/** Options of {@link RealtimeServerCore}: the app, the limits (flat, see {@link ServerLimits}) and the ports. */
export interface RealtimeServerCoreOptions extends ServerLimitsInput {
  /** The app id clients must use. Default `'demo-app'`. */
  appId?: string
  /** The key for development login (`uid` + `authKey`). Default `'demo-auth-key'`. */
  authKey?: string
  /** Time source for timeouts and timestamps. Default: the real clock. */
  clock?: Clock
  /** Where tokens live. Default: in memory. */
  tokenStore?: TokenStore
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
  private readonly tokens: TokenStore
  private readonly users = new Map<string, WireUser>()
  private readonly sessions = new Set<ConnectionSession>()
  private readonly presence = new PresenceRegistry()
  private readonly log: MessageLog
  private readonly idPrefix = randomHex(4)
  private nextSessionId = 1
  private nextMessageId = 1
  private shutDown = false
  private readonly host: SessionHost
  private readonly accounts: AccountOperations

  /** @param options - app, limits and ports; every field has a default */
  constructor(options: RealtimeServerCoreOptions = {}) {
    this.appId = options.appId ?? 'demo-app'
    this.authKey = options.authKey ?? 'demo-auth-key'
    this.limits = resolveLimits(options)
    this.clock = options.clock ?? systemClock
    this.tokens = options.tokenStore ?? createMemoryTokenStore({ now: () => this.clock.now() })
    this.log = new MessageLog(this.limits.messageLogSize)
    this.host = {
      limits: this.limits,
      clock: this.clock,
      authenticate: (token) => this.authenticate(token),
      onAuthenticated: (session) => this.onAuthenticated(session),
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
    }
  }

  /**
   * Accepts a new socket for `appId` (from the URL's `?appId=`). Returns the handlers the binding calls
   * for its frames and its close. An unknown app is closed at once with 4004; after {@link shutdown}
   * every new socket is closed with 1001.
   */
  openConnection(appId: string | null, conn: ServerConnection): ConnectionHandlers {
    if (this.shutDown) {
      conn.close(CloseCodes.GOING_AWAY, 'server shutting down')
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

  /** Answers one HTTP request (login, logout, health, CORS preflight). */
  handleHttp(req: HttpRequest): Promise<HttpResponse> {
    return handleHttpRequest(req, this.accounts)
  }

  /** Development login without HTTP: creates the user on first use and issues a token. */
  async createSession(uid: string, name?: string): Promise<LoginResponseBody> {
    const user = this.users.get(uid) ?? { uid, name: name ?? uid }
    this.users.set(uid, user)
    const authToken = newAuthToken()
    await this.tokens.save({
      token: authToken,
      appId: this.appId,
      uid,
      expiresAt: this.clock.now() + this.limits.tokenTtlMs,
    })
    return { user: { ...user }, authToken }
  }

  /** Revokes a token; sockets authenticated with it are closed with 4001. Resolves whether it was known. */
  async revokeToken(token: string): Promise<boolean> {
    const known = await this.tokens.revoke(token)
    for (const session of [...this.sessions]) session.closeIfToken(token, 'token revoked')
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
   * Closes every socket with 1001 ("going away") and refuses new ones (closed with 1001 too).
   * Clears every timer the core owns, so nothing keeps the process alive.
   */
  shutdown(reason = 'server shutting down'): void {
    this.shutDown = true
    this.closeAll(CloseCodes.GOING_AWAY, reason)
  }

  /** Sockets currently open (authenticated or still authenticating). */
  connectionCount(): number {
    return this.sessions.size
  }

  /** Users with at least one authenticated socket, in the order they came online. */
  onlineUsers(): WireUser[] {
    return this.presence.onlineUsers()
  }

  /** Every user created so far. */
  knownUsers(): WireUser[] {
    return [...this.users.values()].map((user) => ({ ...user }))
  }

  /** The stored messages, oldest first (bounded by `messageLogSize`). */
  messages(): WireTextMessage[] {
    return this.log.list()
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
    const record = await this.tokens.get(token)
    if (!record || record.appId !== this.appId) return { ok: false, reason: 'invalid auth token' }
    if (record.expiresAt <= this.clock.now()) return { ok: false, reason: 'auth token expired' }
    // A persistent store may outlive the in-memory users: recreate the user rather than refuse a valid token.
    let user = this.users.get(record.uid)
    if (!user) {
      user = { uid: record.uid, name: record.uid }
      this.users.set(record.uid, user)
    }
    return { ok: true, user, record }
  }

  private onAuthenticated(session: ConnectionSession): void {
    const user = session.user
    if (!user) return
    const now = this.clock.now()
    session.send({
      type: 'auth-ok',
      user: { ...user },
      serverTime: now,
      idleTimeoutMs: this.limits.idleTimeoutMs,
    })
    if (this.presence.add(session, user, now)) this.presence.broadcast(user, 'online', now)
    if (session.wantsPresence) this.presence.subscribe(session, user.uid)
  }

  private onSendMessage(session: ConnectionSession, frame: SendMessageFrame): void {
    const sender = session.user
    if (!sender) return
    const refuse = (message: string) =>
      session.send({ type: 'error', code: ErrorCodes.INVALID_ARGUMENT, message, ref: frame.ref })
    if (frame.text.trim() === '') return refuse('text must not be empty')
    if (frame.text.length > this.limits.maxTextLength) {
      return refuse(`text is longer than ${this.limits.maxTextLength} characters`)
    }
    if (!this.users.has(frame.receiver)) return refuse(`unknown receiver ${JSON.stringify(frame.receiver)}`)
    const message: WireTextMessage = {
      id: `msg_${this.idPrefix}_${this.nextMessageId++}`,
      sender: sender.uid,
      receiver: frame.receiver,
      text: frame.text,
      sentAt: this.clock.now(),
    }
    this.log.append(message)
    session.send({ type: 'message-ack', ref: frame.ref, message })
    const text = JSON.stringify({ type: 'message', message })
    // The sending socket has its ack; every other socket of the receiver (even the sender's own other
    // tabs, for a message to oneself) gets the message.
    for (const target of this.presence.socketsOf(frame.receiver))
      if (target !== session) target.sendText(text)
  }

  private onClosed(session: ConnectionSession): void {
    this.sessions.delete(session)
    const user = session.user
    if (!user) return
    // During shutdown everyone is leaving: telling each leaver about the others is noise.
    if (this.presence.remove(session, user.uid) && !this.shutDown) {
      this.presence.broadcast(user, 'offline', this.clock.now())
    }
  }
}
