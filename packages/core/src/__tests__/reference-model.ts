import type { AppSettings } from '../settings.js'

/**
 * A reference model of the connection engine, written from SPEC §3 and the documented timing rules,
 * for the property test (properties.test.ts). It knows nothing of the machine's code: it is fed the
 * same events the engine's shell feeds its machine and predicts everything an app can observe:
 *
 * - the listener calls, in order (status changes and `onConnectionError` codes interleaved, B15);
 * - the status, `lastError`, the reconnect attempt and `nextRetryAt` (each backoff delay is checked
 *   against its bound here, then compared to the engine's to the millisecond), the background deadline,
 *   the number of queued sends, the intent;
 * - every socket the engine creates, every frame it sends on it, and when (heartbeat, auth, pong, sends);
 * - the outcome of every `connect()`, `disconnect()`, `ping()` and `sendMessage()` and when it settles;
 * - the one timer the engine holds: due at the earliest deadline, none when nothing is due (I3).
 *
 * Time rules (docs: "Reconnection and heartbeat"): backoff = full jitter on min(max, initial × mult^attempt)
 * with the event's random number; 1001/1012 closes retry as a first attempt; 4013 `retry after N ms`
 * waits a random moment within N (the attempt count unchanged); a connection up for `stableAfter` resets
 * the attempt; heartbeat ping after `heartbeatInterval` of silence in the foreground, dead after
 * `pongTimeout`; an attempt is dead after `connectTimeout`; manual mode in background closes after
 * `backgroundTimeout` without a `ping()`; a send gives up after `sendTimeout`.
 * Deadlines fire in time order; when several fall due at the same moment, they fire in this order:
 * heartbeat or its pong, stability, connect timeout, background, retry, pings, sends.
 */

/** `'pending'`, `'ok'`, or the error code a request was rejected with. */
export type Outcome = string

/** A request the app made; the model settles it. */
export interface ModelRequest {
  readonly kind: 'connect' | 'disconnect' | 'ping' | 'send'
  outcome: Outcome
}

/** What the model expects the server to have received on one socket, in order (`auth@epoch:offset` resumes). */
export type Frame = 'auth' | `auth@${string}` | 'ping' | 'pong' | `send:${string}`

/** Where the app stands in its user's inbox stream: the last event delivered (delivery/positions.ts). */
export interface Position {
  readonly epoch: string
  readonly offset: number
  readonly id: string | null
}

/** The server's answer to a resume (see protocol.ts). */
export type Recovery =
  | { resumed: true; replayed: number }
  | { resumed: false; reason: 'epoch' | 'window' | 'position' }

/** A chat message frame as the test plays it: `offset` absent for a server without delivery. */
export interface MessageIn {
  readonly id: string
  readonly receiver: string
  readonly offset?: number
  readonly replayed: boolean
}

interface Socket {
  readonly index: number
  phase: 'opening' | 'authenticating' | 'open'
  readonly startedAt: number
  connectedAt: number
  lastInboundAt: number
  heartbeatSentAt: number | null
  readonly frames: Frame[]
  /** The server closed it: what the engine sends on it from then on is lost (the send fails). */
  closedByServer: boolean
  /** The pings sent on it, in order: the app's (with its request) or the heartbeat's (null). */
  readonly pings: Array<ModelRequest | null>
}

interface Waiter {
  readonly req: ModelRequest
  /** A ping's: when its pong is overdue. A connect() waits for its attempt, with no deadline of its own. */
  readonly deadline?: number
}

/** A queued send, by its (unique) text. */
export interface Send {
  readonly req: ModelRequest
  readonly text: string
  readonly deadline: number
  sentOn: number | null
}

/** One retry the model scheduled: its delay and the bound it was drawn under. */
export interface RetryDraw {
  readonly delay: number
  readonly bound: number
  readonly hinted: boolean
}

type Deadline = readonly [at: number, fire: () => void]

export class ReferenceModel {
  // The environment as the machine saw it last (the shell listens only while a user is logged in).
  fg: boolean
  online: boolean
  /** The shell listens to app state and network (a user is logged in). */
  attached = false
  /** `init()` ran (the first call of any kind runs it). */
  initialized = false
  destroyed = false
  user: string | null = null
  intent = false
  socket: Socket | null = null
  /** Every socket created, in order (the current one last). */
  readonly sockets: Socket[] = []
  status: 'disconnected' | 'connecting' | 'connected' = 'disconnected'
  attempt = 0
  retryAt: number | null = null
  backgroundDeadline: number | null = null
  waiters: Waiter[] = []
  outbox: Send[] = []
  lastError: string | null = null
  position: Position | null = null
  recovery: Recovery | null = null
  /** Each user's position as saved in storage (kept across logouts: the next login resumes from it). */
  readonly saved = new Map<string, Position>()
  /** Listener calls, as the test harness logs them: a status, `throttled`, or `error:CODE`. */
  readonly events: string[] = []
  /** Every retry scheduled, in order. */
  readonly retries: RetryDraw[] = []
  now: number
  /** Events fed in so far (each one a transition of the engine's machine). */
  steps = 0
  /** The random number the engine draws for the events of the current command. */
  random = 0

  constructor(
    readonly mode: 'auto' | 'manual',
    readonly settings: AppSettings,
    now: number,
    fg: boolean,
    online: boolean,
  ) {
    this.now = now
    this.fg = fg
    this.online = online
  }

  // ── the vocabulary of SPEC §3 ──

  /** Whether a socket is wanted now: SPEC's intent with the environment (auto mode needs the foreground). */
  wants(): boolean {
    return !this.destroyed && !!this.user && this.online && this.intent && (this.mode === 'manual' || this.fg)
  }

  private setStatus(status: ReferenceModel['status']): void {
    if (this.status === status) return // I2
    this.status = status
    this.events.push(status)
  }

  private report(code: string): void {
    this.lastError = code
    this.events.push(`error:${code}`)
  }

  /** A failed request is the snapshot's last error too, unless the app cancelled it itself. */
  private settle(req: ModelRequest, code?: string): void {
    if (req.outcome !== 'pending') throw new Error(`model: ${req.kind} settled twice`)
    req.outcome = code ?? 'ok'
    if (code && code !== 'ERR_CANCELLED') this.lastError = code
  }

  private settleWaiters(code?: string): void {
    const all = this.waiters
    this.waiters = []
    for (const w of all) this.settle(w.req, code)
  }

  private cancelOutbox(code: string): void {
    const all = this.outbox
    this.outbox = []
    for (const o of all) this.settle(o.req, code)
  }

  private open(): void {
    if (this.socket) return // I1
    const t = this.now
    this.socket = {
      index: this.sockets.length,
      phase: 'opening',
      startedAt: t,
      connectedAt: 0,
      lastInboundAt: t,
      heartbeatSentAt: null,
      frames: [],
      pings: [],
      closedByServer: false,
    }
    this.sockets.push(this.socket)
    this.retryAt = null
    this.setStatus('connecting')
  }

  /** The socket ends: (the error, when reported, first: B15) `disconnected`, and every waiter settles. */
  private close(code: string, report = false): void {
    this.socket = null
    if (report) this.report(code)
    this.setStatus('disconnected')
    this.settleWaiters(code)
  }

  /** The current bound of the backoff: min(max, initial × multiplier^attempt). */
  backoffBound(attempt: number): number {
    const { initialMs, maxMs, multiplier } = this.settings.backoff
    return Math.min(maxMs, initialMs * multiplier ** attempt)
  }

  /** B7/B8/B15: an unasked-for end. Manual mode in background stays closed; else a retry is scheduled. */
  private lost(code: string, hint?: number): void {
    if (!this.socket) return
    this.close(code, true)
    if (this.mode === 'manual' && !this.fg) this.intent = false
    if (!this.wants()) return
    const bound = hint ?? this.backoffBound(this.attempt)
    const delay = Math.floor(this.random * bound)
    if (!(delay >= 0 && (delay < bound || bound === 0)))
      throw new Error(`model: delay ${delay} out of [0, ${bound})`)
    if (hint === undefined) this.attempt++
    this.retries.push({ delay, bound, hinted: hint !== undefined })
    this.retryAt = this.now + delay
  }

  /** A session begins or ends: nothing of the previous one carries over; a user resumes from their own position. */
  private startOver(user: string | null, code = 'ERR_CANCELLED'): void {
    this.close(code)
    this.cancelOutbox(code)
    this.user = user
    this.position = (user ? this.saved.get(user) : null) ?? null
    this.recovery = null
    this.intent = this.mode === 'auto'
    this.attempt = 0
    this.retryAt = this.backgroundDeadline = null
  }

  private send(frame: Frame): void {
    if (!this.socket!.closedByServer) this.socket!.frames.push(frame)
  }

  // ── deadlines ──

  private deadlines(): Deadline[] {
    const out: Deadline[] = []
    const { socket, settings } = this
    if (socket?.phase === 'open') {
      if (this.fg)
        out.push(
          socket.heartbeatSentAt === null
            ? [socket.lastInboundAt + settings.heartbeatInterval, () => this.heartbeat()]
            : [socket.heartbeatSentAt + settings.pongTimeout, () => this.lost('ERR_WEBSOCKET_ERROR')],
        )
      if (this.attempt > 0)
        out.push([
          socket.connectedAt + settings.stableAfter,
          () => {
            this.attempt = 0
          },
        ])
    } else if (socket) {
      out.push([socket.startedAt + settings.connectTimeout, () => this.lost('ERR_WEBSOCKET_ERROR')])
    }
    if (socket && this.backgroundDeadline !== null)
      out.push([
        this.backgroundDeadline,
        () => {
          this.intent = false
          this.backgroundDeadline = null
          this.close('ERR_CANCELLED')
        },
      ])
    if (this.retryAt !== null)
      out.push([
        this.retryAt,
        () => {
          this.retryAt = null
        },
      ])
    for (const w of this.waiters)
      if (w.deadline !== undefined)
        out.push([
          w.deadline,
          () => {
            this.waiters = this.waiters.filter((x) => x !== w)
            this.settle(w.req, 'ERR_PING_TIMEOUT')
            this.lost('ERR_WEBSOCKET_ERROR')
          },
        ])
    for (const o of this.outbox)
      out.push([
        o.deadline,
        () => {
          this.outbox = this.outbox.filter((x) => x !== o)
          this.settle(o.req, 'ERR_SEND_TIMEOUT')
        },
      ])
    return out
  }

  private heartbeat(): void {
    this.socket!.heartbeatSentAt = this.now
    this.socket!.pings.push(null)
    this.send('ping')
  }

  /** When the engine's one timer must fire, or null when nothing is due (then it holds none). */
  nextDeadline(): number | null {
    if (this.destroyed) return null
    const ats = this.deadlines().map((d) => d[0])
    return ats.length ? Math.min(...ats) : null
  }

  private expire(): void {
    for (;;) {
      let due: Deadline | undefined
      for (const d of this.deadlines()) if (d[0] <= this.now && (!due || d[0] < due[0])) due = d
      if (!due) return
      due[1]()
    }
  }

  /** After every event the socket follows the intent. */
  private reconcile(): void {
    if (!this.user || !this.intent) this.cancelOutbox('ERR_CANCELLED')
    if (this.wants()) {
      // B4 manual: a socket wanted in background has a grace period from when it was first wanted
      // there (ping() restarts it). Kept while wanted, even across a socket lost and reopened within
      // one event (see the report on the stale deadline in reference-model's header).
      if (!this.fg) this.backgroundDeadline ??= this.now + this.settings.backgroundTimeout
      if (this.retryAt === null) this.open()
      return
    }
    this.retryAt = this.backgroundDeadline = null
    if (this.socket) this.close('ERR_CANCELLED')
  }

  /**
   * One event into the engine: deadlines that passed fire first (a late timer acts where it was
   * set), then the event, then any deadline it made due, then the socket follows the intent.
   */
  private step(event: () => void): void {
    if (this.destroyed) return
    this.steps++
    this.expire()
    event()
    this.expire()
    this.reconcile()
    if (!this.user) this.attached = false
  }

  // ── the events, as the shell feeds them ──

  /** The engine's first call of any kind reads storage (nothing saved here). */
  init(): void {
    if (this.initialized) return
    this.initialized = true
    this.step(() => this.startOver(null))
  }

  /** `login()`: init, loginStart, (the platform caught up,) then the session starts. */
  login(uid: string, fg: boolean, online: boolean): void {
    this.init()
    this.step(() => {
      this.lastError = null
    })
    if (!this.attached) {
      this.step(() => this.appState(fg))
      this.step(() => this.network(online))
      this.attached = true
    }
    this.step(() => {
      this.startOver(uid) // a new login lifts a disconnect() suspension (B14)
      this.lastError = null
    })
  }

  logout(): void {
    this.init()
    this.step(() => this.startOver(null)) // B3
  }

  connect(req: ModelRequest): void {
    this.init()
    this.step(() => {
      const error = !this.user
        ? 'ERR_NOT_LOGGED_IN' // B12
        : !this.online
          ? 'ERR_NO_INTERNET' // B13
          : this.socket?.phase === 'open'
            ? 'ERROR_WEBSOCKETS_ALLREADY_IN_CONNECTED_STATE' // B10
            : null
      if (error) return this.settle(req, error)
      this.intent = true // B9: lifts a disconnect() suspension (auto); manual: required
      if (!this.fg && this.mode === 'auto') return this.settle(req, 'ERR_APP_IN_BACKGROUND')
      this.waiters.push({ req }) // B11: joins the attempt in flight
      this.retryAt = null // skips a pending backoff: the socket opens now
    })
  }

  disconnect(req: ModelRequest): void {
    this.init()
    this.step(() => {
      this.intent = false // B14
      this.close('ERR_CANCELLED')
      this.settle(req)
    })
  }

  ping(req: ModelRequest): void {
    this.init()
    this.step(() => {
      const error =
        this.mode === 'auto'
          ? 'ERROR_PING_NOT_AVAILABLE'
          : !this.user
            ? 'ERR_NOT_LOGGED_IN'
            : !this.online
              ? 'ERR_NO_INTERNET'
              : this.socket?.phase !== 'open'
                ? 'ERR_NOT_CONNECTED'
                : null
      if (error) return this.settle(req, error)
      this.waiters.push({ req, deadline: this.now + this.settings.pongTimeout })
      if (!this.fg) this.backgroundDeadline = this.now + this.settings.backgroundTimeout // B5
      this.socket!.pings.push(req)
      this.send('ping')
    })
  }

  sendMessage(req: ModelRequest, text: string): void {
    this.init()
    this.step(() => {
      const error = !this.user
        ? 'ERR_NOT_LOGGED_IN'
        : !this.intent
          ? 'ERR_NOT_CONNECTED'
          : this.mode === 'auto' && !this.fg
            ? 'ERR_APP_IN_BACKGROUND'
            : null
      if (error) return this.settle(req, error)
      const open = this.socket?.phase === 'open' ? this.socket.index : null
      this.outbox.push({ req, text, deadline: this.now + this.settings.sendTimeout, sentOn: open })
      if (open !== null) this.send(`send:${text}`)
    })
  }

  /** The app state changed (only heard while attached). */
  appStateChanged(fg: boolean): void {
    this.step(() => this.appState(fg))
  }

  private appState(fg: boolean): void {
    if (this.fg === fg) return
    this.fg = fg
    this.backgroundDeadline = null // B6
    this.retryAt = null // a foreground transition retries at once
    if (fg) return
    if (this.mode === 'auto')
      this.close('ERR_APP_IN_BACKGROUND') // B4 auto
    else if (!this.socket) this.intent = false // B6/B8: nothing open stays closed until connect()
  }

  networkChanged(online: boolean): void {
    this.step(() => this.network(online))
  }

  private network(online: boolean): void {
    if (this.online === online) return
    this.online = online
    this.retryAt = null // `online` retries at once
    if (online || !this.socket) return
    this.close('ERR_NO_INTERNET', true)
    if (this.mode === 'manual' && !this.fg) this.intent = false // B8
  }

  /** A frame or event of an old socket: the engine ignores it, but it is an event (deadlines fire). */
  stale(): void {
    this.step(() => {})
  }

  tick(): void {
    this.step(() => {})
  }

  /**
   * An event of the current socket. Deadlines fire first, so the socket may be gone by the time the
   * event is handled (a late timer killed it): then, like any event of an old socket, it is ignored.
   */
  private ofSocket(handle: (socket: Socket) => void): void {
    const socket = this.socket
    this.step(() => {
      if (socket && this.socket === socket) handle(socket)
    })
  }

  socketOpen(): void {
    this.ofSocket((socket) => {
      socket.phase = 'authenticating'
      socket.lastInboundAt = this.now
      // Resume after the last event delivered: the server replays what was missed, or says it cannot.
      const p = this.position
      this.send(p ? `auth@${p.epoch}:${p.offset}` : 'auth')
    })
  }

  /** Any frame from the server proves the socket alive, then does what its type says. */
  private inbound(then: (socket: Socket) => void): void {
    this.ofSocket((socket) => {
      socket.lastInboundAt = this.now
      socket.heartbeatSentAt = null
      then(socket)
    })
  }

  authOk(stream: Omit<Position, 'id'> | null, recovery: Recovery | null): void {
    this.inbound((socket) => {
      if (socket.phase !== 'authenticating') return
      socket.phase = 'open'
      socket.connectedAt = this.now
      this.lastError = null
      // Resumed in the same epoch: the replay follows and moves the position. Reset or fresh: the
      // stream's end, keeping the last delivered id. A server without delivery leaves it.
      const p = this.position
      if (stream && !(recovery?.resumed && p?.epoch === stream.epoch))
        this.position = { epoch: stream.epoch, offset: stream.offset, id: p?.id ?? null }
      const r = stream && recovery
      if (r) this.recovery = r
      this.setStatus('connected')
      this.settleWaiters()
      if (r) this.events.push(r.resumed ? `resumed:${r.replayed}` : `lost:${r.reason}:${this.position?.id}`)
      // Sends that waited for a connection (or that the last socket took unanswered) go now, in order.
      for (const o of this.outbox) {
        o.sentOn = socket.index
        this.send(`send:${o.text}`)
      }
    })
  }

  /**
   * A chat message: delivered once and in order by its stream offset; a repeat is dropped; a gap makes
   * the engine reconnect at once and resume; a frame for another user is refused as malformed.
   */
  message(m: MessageIn): void {
    this.inbound(() => {
      if (m.receiver !== this.user) return this.report('ERR_MALFORMED_FRAME')
      const p = this.position
      let next: Position | 'dup' | 'gap'
      if (!p || m.offset === undefined)
        next =
          p?.id === m.id ? 'dup' : { epoch: p?.epoch ?? '', offset: m.offset ?? p?.offset ?? 0, id: m.id }
      else
        next =
          m.offset <= p.offset
            ? 'dup'
            : m.offset > p.offset + 1
              ? 'gap'
              : { ...p, offset: m.offset, id: m.id }
      if (next === 'gap') return this.lost('ERR_WEBSOCKET_ERROR', 0)
      if (next === 'dup') return
      this.position = next
      this.events.push(`msg:${m.id}${m.replayed ? '*' : ''}`)
    })
  }

  /** The shell saves the position for the logged-in user (a microtask after it moved). */
  persist(): void {
    if (this.user && this.position) this.saved.set(this.user, this.position)
  }

  malformed(): void {
    this.inbound(() => this.report('ERR_MALFORMED_FRAME'))
  }

  throttle(): void {
    this.inbound(() => this.events.push('throttled')) // B17
  }

  serverPing(): void {
    this.inbound(() => this.send('pong'))
  }

  /** The pong to the last ping sent on the socket: the app's ping resolves; a heartbeat's only proves life. */
  pong(): void {
    this.inbound((socket) => {
      const req = socket.pings.at(-1)
      const w = req && this.waiters.find((x) => x.req === req)
      if (!w) return
      this.waiters = this.waiters.filter((x) => x !== w)
      this.settle(w.req)
    })
  }

  /** The server answers the send of `text` (null: an answer to nothing the engine waits for). */
  answer(text: string | null, error: boolean): void {
    this.inbound(() => {
      const o = this.outbox.find((x) => x.text === text)
      if (!o) return error ? this.report('ERR_SERVER_ERROR') : undefined // a late ack is ignored
      this.outbox = this.outbox.filter((x) => x !== o)
      this.settle(o.req, error ? 'ERR_SERVER_ERROR' : undefined)
    })
  }

  socketError(): void {
    this.ofSocket(() => this.lost('ERR_WEBSOCKET_ERROR'))
  }

  socketClose(code: number, reason: string): void {
    if (this.socket) this.socket.closedByServer = true
    this.ofSocket(() => {
      if (code === 4001) {
        // B16: the token is dead. Reported, then `disconnected`; the session is gone, no retry.
        this.report('ERR_AUTH_TOKEN_INVALID')
        this.startOver(null, 'ERR_AUTH_TOKEN_INVALID')
        return
      }
      if (code === 4004) {
        // An unknown app: a configuration error, no retry until connect().
        this.intent = false
        return this.lost('ERR_AUTH_FAILED')
      }
      if (code === 1001 || code === 1012) this.attempt = 0 // a server restarting: back soon
      const hint = code === 4013 ? /\d+/.exec(reason) : null
      this.lost('ERR_WEBSOCKET_ERROR', hint ? Number(hint[0]) : undefined)
    })
  }

  destroy(): void {
    this.step(() => {
      this.close('ERR_ENGINE_DESTROYED')
      this.cancelOutbox('ERR_ENGINE_DESTROYED')
      this.destroyed = true
    })
  }

  /** Time passes: the engine's timer fires at each earliest deadline, each firing an event at that moment. */
  advance(ms: number): void {
    const end = this.now + ms
    for (let at = this.nextDeadline(); at !== null && at <= end; at = this.nextDeadline()) {
      this.now = Math.max(this.now, at)
      this.tick()
    }
    this.now = end
  }
}
