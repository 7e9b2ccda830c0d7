import { connect, createServer, type Socket } from 'node:net'

/** A loopback TCP proxy whose forwarding can be paused, to make a connection half-open. */
export interface TcpProxy {
  /** The port to connect to instead of the target's. */
  readonly port: number
  /** Stops forwarding in both directions without closing anything: both ends see a silent, open connection. */
  pause(): void
  /** Forwards again, delivering what was held back, in order. */
  resume(): void
  /**
   * Holds what the server sends (`true`) while the client's bytes still reach it, or forwards it again
   * (`false`, delivering what was held): a server's answers lost on the way back, e.g. an ack.
   */
  holdDownstream(hold: boolean): void
  /** Cuts every proxied connection at once (both ends see a reset); the proxy keeps accepting new ones. */
  cut(): void
  /** Connections currently proxied. */
  connectionCount(): number
  /** Closes every proxied connection and the listener. */
  close(): Promise<void>
}

interface Pair {
  client: Socket
  upstream: Socket
}

/**
 * Starts a TCP proxy on 127.0.0.1 (a random free port) to `targetPort` on 127.0.0.1.
 * While paused, bytes are held (and the sockets stop reading, so TCP back-pressure applies), closes
 * are not passed on: exactly a half-open connection, where neither side learns the other is gone.
 *
 * @example
 * ```ts
 * const proxy = await startTcpProxy(server.port)
 * // point the engine at `http://127.0.0.1:${proxy.port}`, connect, then:
 * proxy.pause() // the heartbeat must notice within its bound
 * ```
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  let paused = false
  let downstreamHeld = false
  // Work held back while paused (forwarded chunks and closes), replayed in order on resume.
  let held: Array<() => void> = []
  let heldDown: Array<() => void> = []
  const whenFlowing = (work: () => void) => (paused ? held.push(work) : work())

  const forward = (from: Socket, to: Socket, downstream: boolean) => {
    from.on('data', (chunk) => {
      if (paused) from.pause()
      if (downstream && downstreamHeld) heldDown.push(() => to.write(chunk))
      else whenFlowing(() => to.write(chunk))
    })
    from.on('end', () => whenFlowing(() => to.end()))
    from.on('close', () => whenFlowing(() => to.destroy()))
    from.on('error', () => {})
  }

  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    const pair = { client, upstream }
    pairs.add(pair)
    client.once('close', () => pairs.delete(pair))
    if (paused) {
      client.pause()
      upstream.pause()
    }
    forward(client, upstream, false)
    forward(upstream, client, true)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address')

  return {
    port: address.port,
    pause() {
      paused = true
      for (const { client, upstream } of pairs) {
        client.pause()
        upstream.pause()
      }
    },
    resume() {
      paused = false
      const work = held
      held = []
      for (const task of work) task()
      for (const { client, upstream } of pairs) {
        client.resume()
        upstream.resume()
      }
    },
    holdDownstream(hold) {
      downstreamHeld = hold
      if (hold) return
      const work = heldDown
      heldDown = []
      for (const task of work) task()
    },
    cut() {
      heldDown = []
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy()
        upstream.resetAndDestroy()
      }
    },
    connectionCount: () => pairs.size,
    async close() {
      paused = false
      held = []
      heldDown = []
      for (const { client, upstream } of pairs) {
        client.destroy()
        upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
