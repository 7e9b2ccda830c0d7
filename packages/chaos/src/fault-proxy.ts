import { connect, createServer, type Server, type Socket } from 'node:net'
import { ClientStreamScanner } from './client-stream-scanner.js'
import { type Conditions, Pipe } from './pipe.js'

/** How a connection is frozen: `temporary` thaws later, `dead` never forwards again (a black hole). */
type Frozen = 'no' | 'temporary' | 'dead'

let nextConnectionId = 1

/** One proxied connection: the client's socket, the server's, a pipe each way. */
class Connection {
  readonly id = nextConnectionId++
  readonly scanner = new ClientStreamScanner()
  readonly up: Pipe
  readonly down: Pipe
  readonly openedAt = Date.now()
  /** The client sent its FIN: it will send nothing more, its socket is closed or closing. */
  clientEnded = false
  clientClosed = false
  upstreamClosed = false
  frozen: Frozen = 'no'
  /** When the current freeze began, epoch ms (null while flowing). */
  frozenSince: number | null = null

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    conditions: () => Conditions,
  ) {
    this.up = new Pipe(upstream, conditions)
    this.down = new Pipe(client, conditions)
  }

  /** A WebSocket the client has not closed: "open or opening" in SPEC I1's sense. */
  get liveWebSocket(): boolean {
    return (
      this.scanner.kind === 'websocket' && !this.scanner.closeSent && !this.clientEnded && !this.clientClosed
    )
  }

  freeze(how: Exclude<Frozen, 'no'>): void {
    this.frozen = how
    this.frozenSince ??= Date.now()
    this.up.freeze()
    this.down.freeze()
  }

  thaw(): void {
    this.frozen = 'no'
    this.frozenSince = null
    this.up.thaw()
    this.down.thaw()
  }

  /** Cuts both sides now, dropping whatever was held. */
  cut(): void {
    this.up.kill()
    this.down.kill()
    this.client.destroy()
    this.upstream.destroy()
  }
}

/** Counts of one proxy (one engine). */
export interface ProxyCounts {
  /** Connections accepted. */
  connections: number
  /** Of which WebSocket upgrades. */
  webSockets: number
  /** Most WebSockets open or opening at once. */
  maxLive: number
}

/**
 * A loopback TCP proxy in front of the server, one per engine, so every socket it sees is that
 * engine's. It injects the network's faults on command: {@link drop} cuts every connection,
 * {@link freeze} makes them half-open (nothing forwarded, nothing closed) until {@link thaw} (or for
 * good), and {@link conditions} delay and slice what flows. It counts the engine's WebSockets that are
 * open or opening (SPEC I1) and calls `onLiveChange` whenever that number changes.
 */
export class FaultProxy {
  /** Latency and slicing of what flows from now on. */
  readonly conditions: Conditions = { latencyMs: 0, sliceBytes: 0 }
  readonly counts: ProxyCounts = { connections: 0, webSockets: 0, maxLive: 0 }
  private readonly connections = new Set<Connection>()
  /** Every freeze: when, and until when new connections were frozen too (= `from` without `path`). */
  private readonly freezes: Array<{ from: number; newUntil: number }> = []
  /** New connections are frozen too while set (the path is a black hole, not just the old sockets). */
  private freezeNew: Exclude<Frozen, 'no'> | null = null
  private live = 0

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly onLiveChange: (live: number) => void,
  ) {}

  /** Starts a proxy on 127.0.0.1 (a free port) to `targetPort` on 127.0.0.1. */
  static async start(
    targetPort: number,
    onLiveChange: (live: number) => void = () => {},
  ): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) =>
      proxy?.accept(client, targetPort),
    )
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address')
    proxy = new FaultProxy(server, address.port, onLiveChange)
    return proxy
  }

  /** WebSockets open or opening now (the client has neither sent its close frame nor closed TCP). */
  liveWebSockets(): number {
    return this.live
  }

  /** WebSockets open or opening whose connection is frozen, each with an id and since when (epoch ms). */
  frozenWebSockets(): Array<{ id: number; since: number }> {
    const out: Array<{ id: number; since: number }> = []
    for (const c of this.connections)
      if (c.liveWebSocket && c.frozenSince !== null) out.push({ id: c.id, since: c.frozenSince })
    return out
  }

  /** Connections through the proxy now (any kind, frozen ones included). */
  connectionCount(): number {
    return this.connections.size
  }

  /** Bytes received from either side and not yet forwarded (frozen or delayed). */
  heldBytes(): number {
    let n = 0
    for (const connection of this.connections) n += connection.up.heldBytes() + connection.down.heldBytes()
    return n
  }

  /** Cuts every connection now, as a network failure would; returns how many. */
  drop(): number {
    const n = this.connections.size
    for (const connection of this.connections) connection.cut()
    return n
  }

  /**
   * Freezes every connection: bytes and closes are held, neither end hears from the other. With
   * `path`, connections made meanwhile are frozen too. `dead` connections never thaw (they end when
   * one side gives up, its close never reaching the other).
   */
  freeze(how: 'temporary' | 'dead', path = false): number {
    let n = 0
    for (const connection of this.connections) {
      if (connection.frozen === 'dead') continue
      connection.freeze(how)
      n++
    }
    if (path) this.freezeNew = how
    const now = Date.now()
    this.freezes.push({ from: now, newUntil: path ? Number.POSITIVE_INFINITY : now })
    return n
  }

  /**
   * Whether a freeze could have held traffic of a connection that existed from `from` to `to` (epoch
   * ms): one that froze the connections of some moment in between, or new ones in between.
   */
  frozeBetween(from: number, to: number): boolean {
    return this.freezes.some((f) => f.from <= to && f.newUntil >= from)
  }

  /** Thaws every temporarily frozen connection (held bytes flow, in order) and lets new ones flow. */
  thaw(): void {
    this.freezeNew = null
    const now = Date.now()
    for (const f of this.freezes) if (f.newUntil === Number.POSITIVE_INFINITY) f.newUntil = now
    for (const connection of this.connections) if (connection.frozen === 'temporary') connection.thaw()
  }

  /** No more faults: thawed, dead connections cut (their ends learn at once), no latency or slicing. */
  calm(): void {
    this.thaw()
    for (const connection of this.connections) if (connection.frozen === 'dead') connection.cut()
    this.conditions.latencyMs = 0
    this.conditions.sliceBytes = 0
  }

  /** Cuts every connection and stops listening. */
  async close(): Promise<void> {
    this.freezeNew = null
    for (const connection of this.connections) connection.cut()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket, targetPort: number): void {
    const upstream = connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true, noDelay: true })
    const connection = new Connection(client, upstream, () => this.conditions)
    this.connections.add(connection)
    this.counts.connections++
    if (this.freezeNew) connection.freeze(this.freezeNew)
    client.on('data', (chunk: Buffer) => {
      const wasLive = connection.liveWebSocket
      const wasUnknown = connection.scanner.kind === 'unknown'
      connection.scanner.feed(chunk)
      if (wasUnknown && connection.scanner.kind === 'websocket') this.counts.webSockets++
      if (wasLive !== connection.liveWebSocket) this.recount()
      connection.up.data(chunk)
    })
    client.on('end', () => {
      connection.clientEnded = true
      connection.up.end()
      this.recount()
    })
    client.on('close', () => {
      connection.clientClosed = true
      connection.up.destroy()
      this.recount()
      this.forget(connection)
    })
    upstream.on('data', (chunk: Buffer) => connection.down.data(chunk))
    upstream.on('end', () => connection.down.end())
    upstream.on('close', () => {
      connection.upstreamClosed = true
      connection.down.destroy()
      this.forget(connection)
    })
    // Errors end in 'close', handled above; without listeners they would be thrown.
    client.on('error', () => {})
    upstream.on('error', () => {})
  }

  private forget(connection: Connection): void {
    if (!connection.clientClosed || !connection.upstreamClosed) return
    connection.up.kill()
    connection.down.kill()
    this.connections.delete(connection)
  }

  private recount(): void {
    let live = 0
    for (const connection of this.connections) if (connection.liveWebSocket) live++
    if (live === this.live) return
    this.live = live
    this.counts.maxLive = Math.max(this.counts.maxLive, live)
    this.onLiveChange(live)
  }
}
