import type { AppStateValue, ConnectionEngine, ConnectionMode } from '@cometchat-connection/core'
import type { FaultProxy } from './fault-proxy.js'
import type { Violations } from './violations.js'
import type { WatchedWebSocket } from './watched-web-socket.js'

/** What the rules look at: one user's engine, its sockets, its proxy, its app state and network. */
export interface SocketSubject {
  readonly uid: string
  readonly mode: ConnectionMode
  readonly engine: Pick<ConnectionEngine, 'getUserAuthToken' | 'getConnectionStatus'>
  readonly sockets: Pick<WatchedWebSocket, 'live'>
  readonly proxy: Pick<FaultProxy, 'frozenWebSockets'>
  readonly appState: { current(): AppStateValue; subscriberCount(): number }
  readonly network: { isOnline(): boolean; subscriberCount(): number }
}

/**
 * When an engine may hold a socket, checked where the answer is exact: when it opens one, right after
 * the app did something that closes it, and while its path is silent in the foreground.
 */
export class SocketRules {
  /** Since when the app has been in the foreground and online without a break (null: it is not now). */
  private steadySince: number | null
  /** Half-open connections already reported. */
  private readonly halfOpenReported = new Set<number>()

  constructor(
    private readonly subject: SocketSubject,
    private readonly violations: Violations,
    private readonly now: () => number = Date.now,
  ) {
    this.steadySince = now()
  }

  /** The app state or the network changed: the foreground-and-online streak may begin or end. */
  noteSources(): void {
    const { appState, network } = this.subject
    if (appState.current() !== 'foreground' || !network.isOnline()) this.steadySince = null
    else this.steadySince ??= this.now()
  }

  /** A socket is being opened: logged in, online (SPEC §3), and in the foreground in auto mode (B4). */
  opened(): void {
    const { uid, mode, engine, network, appState } = this.subject
    const broken = !engine.getUserAuthToken()
      ? 'with no session'
      : !network.isOnline()
        ? 'while the network is offline'
        : mode === 'auto' && appState.current() === 'background'
          ? 'in the background in auto mode (B4)'
          : null
    if (broken)
      this.violations.add('socket while it should be closed', `${uid} (${mode}) opened a socket ${broken}`)
  }

  /** No socket open or opening may be left now: `why` says which rule says so. */
  expectNoSocket(why: string): void {
    const { uid, mode, sockets } = this.subject
    const live = sockets.live()
    if (live > 0)
      this.violations.add(
        'socket while it should be closed',
        `${uid} (${mode}) has ${live} socket(s) open or opening ${why}`,
      )
  }

  /** No app-state or network subscription of the engine may be left now (I3). */
  expectDetached(why: string): void {
    const { uid, appState, network } = this.subject
    const left = appState.subscriberCount() + network.subscriberCount()
    if (left > 0)
      this.violations.add(
        'subscription left',
        `${uid}: ${left} app-state/network subscription(s) still attached ${why}`,
      )
  }

  /**
   * A socket whose path went silent (frozen at its proxy) while the app stayed in the foreground and
   * online must be given up within `boundMs` plus the lag measured meanwhile: the heartbeat finds a
   * half-open socket (D3), the connect timeout a stuck attempt (D4).
   */
  checkHalfOpen(boundMs: number, lagAllowance: (from: number, to: number) => number): void {
    const { uid, mode, engine, proxy } = this.subject
    const now = this.now()
    for (const { id, since } of proxy.frozenWebSockets()) {
      if (this.halfOpenReported.has(id) || this.steadySince === null || this.steadySince > since) continue
      if (now - since <= boundMs + lagAllowance(since, now)) continue
      this.halfOpenReported.add(id)
      this.violations.add(
        'half-open socket kept',
        `${uid} (${mode}) still holds a socket ${now - since} ms after its path went silent, in the foreground and online all along (bound ${boundMs} ms + lag); status ${engine.getConnectionStatus()}`,
      )
    }
  }
}
