import { connect, createServer, type Server, type Socket } from 'node:net'
import { invalidOption } from '../common/invalid-option.js'

/** A backend of the {@link startTcpBalancer}. */
export interface BalancerTarget {
  /** Host, default `'127.0.0.1'`. */
  readonly host?: string
  /** Port. */
  readonly port: number
}

/** Options of {@link startTcpBalancer}. */
export interface TcpBalancerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string
  /** Where connections go, in turn. */
  targets: readonly BalancerTarget[]
  /** How long a connection to a target may take before the next target is tried, ms. Default 1000. */
  connectTimeoutMs?: number
}

/** A running {@link startTcpBalancer}. */
export interface TcpBalancer {
  /** The port it listens on. */
  readonly port: number
  /** Replaces the targets (a process added or gone). */
  setTargets(targets: readonly BalancerTarget[]): void
  /** Connections currently passed through. */
  connectionCount(): number
  /** Stops listening and cuts every connection. */
  close(): Promise<void>
}

/**
 * A round-robin TCP balancer for running a cluster on one machine: each new connection goes to the next
 * target; a target that refuses (a process that died) is skipped for the next one, so clients reconnect
 * to a live process without noticing. Bytes pass through untouched (HTTP and WebSocket alike), and no
 * connection is tied to a process: any process can take any client. For production, put nginx or
 * HAProxy in front (the docs show a configuration); this one is for local use and tests.
 *
 * @example
 * ```ts
 * const balancer = await startTcpBalancer({ port: 4455, targets: [{ port: 4456 }, { port: 4457 }] })
 * ```
 */
export async function startTcpBalancer(options: TcpBalancerOptions): Promise<TcpBalancer> {
  const { port = 0, host = '127.0.0.1', connectTimeoutMs = 1000 } = options
  if (!Array.isArray(options.targets) || options.targets.length === 0)
    throw invalidOption('targets', 'at least one { port }', options.targets)
  let targets = [...options.targets]
  let next = 0
  /** Every socket passed through, both sides, to cut them on close. */
  const pairs = new Set<Socket>()
  const clients = new Set<Socket>()

  /** Connects to the next target that answers, trying each at most once. */
  const open = (client: Socket, tries: number) => {
    if (tries >= targets.length || client.destroyed) {
      client.destroy()
      return
    }
    const target = targets[next++ % targets.length] as BalancerTarget
    const upstream = connect(target.port, target.host ?? '127.0.0.1')
    upstream.setNoDelay(true)
    const timer = setTimeout(() => upstream.destroy(new Error('connect timeout')), connectTimeoutMs)
    let connected = false
    upstream.once('connect', () => {
      connected = true
      clearTimeout(timer)
      pairs.add(upstream)
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
    })
    upstream.on('error', () => {
      clearTimeout(timer)
      if (!connected) open(client, tries + 1)
      else client.destroy()
    })
    upstream.once('close', () => {
      pairs.delete(upstream)
      if (connected) client.destroy()
    })
    client.once('close', () => upstream.destroy())
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    client.setNoDelay(true)
    client.on('error', () => {})
    pairs.add(client)
    clients.add(client)
    client.once('close', () => {
      pairs.delete(client)
      clients.delete(client)
    })
    open(client, 0)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the balancer has no TCP address')
  return {
    port: address.port,
    setTargets(list) {
      if (list.length === 0) throw invalidOption('targets', 'at least one { port }', list)
      targets = [...list]
    },
    connectionCount: () => clients.size,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve())
        for (const socket of pairs) socket.destroy()
      })
    },
  }
}
