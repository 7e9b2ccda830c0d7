import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { socketUrlFor } from '@cometchat-connection/core'
import { type WebSocket, WebSocketServer } from 'ws'
import { invalidOption } from '../common/invalid-option.js'
import { resolveLimits } from '../protocol/limits.js'
import {
  RealtimeServerCore,
  type RealtimeServerCoreOptions,
  type ThrottleNoticeOptions,
} from '../protocol/realtime-server-core.js'
import type { ConnectionHandlers } from '../protocol/server-connection.js'
import { systemClock } from '../protocol/system-clock.js'
import { createRedisBackend, type RedisBackendOptions } from '../redis/redis-backend.js'
import { createHttpHandler } from './http-handler.js'
import { createUpgradeHandler, type UpgradeGate } from './upgrade-handler.js'

/** Default of {@link StartServerOptions.maxBufferedBytes}: 1 MiB. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024
/** Default of {@link StartServerOptions.headersTimeoutMs}: 10 s. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
/** Default of {@link StartServerOptions.requestTimeoutMs}: 30 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/** Default of {@link StartServerOptions.maxConnections}: 10,000. */
export const DEFAULT_MAX_CONNECTIONS = 10_000

/** Options of {@link startServer}: where to listen, the app, and every limit of {@link RealtimeServerCoreOptions}. */
export interface StartServerOptions extends RealtimeServerCoreOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number
  /** Interface to listen on. Default `'127.0.0.1'` (loopback only). */
  host?: string
  /** On `close()`, how long clients get to answer the close (1001 or 1012) before their sockets are cut, ms. Default 2000. */
  closeGraceMs?: number
  /**
   * Most bytes a socket's send buffer may hold for a client that does not read (`ws`'s `bufferedAmount`).
   * A send that leaves more buffered closes that socket with 1013 (`CLOSE_SEND_BUFFER_FULL`, "try again
   * later") and nothing more is sent to it; other sockets are unaffected. The engine reconnects with
   * backoff. Default 1048576 (1 MiB).
   */
  maxBufferedBytes?: number
  /**
   * Time a client has to send a request's headers (an upgrade's too), ms; a slower one gets 408 and is
   * disconnected (slowloris). Checked about every `min(1 s, timeout / 4)`. Default 10000.
   */
  headersTimeoutMs?: number
  /** Time a client has to send a whole HTTP request (headers and body), ms; then 408. ≥ `headersTimeoutMs`. Default 30000. */
  requestTimeoutMs?: number
  /**
   * Most TCP connections open at once (HTTP and WebSocket together); the server drops connections over it
   * as they are accepted. Default 10000.
   */
  maxConnections?: number
  /**
   * Keep everything in Redis instead of this process's memory, so N processes behind a load balancer are
   * one server: a URL (`redis://127.0.0.1:6379`) or {@link RedisBackendOptions}. `startServer()` rejects
   * when Redis cannot be reached at start; later outages are answered with "try again" (4013, 503) and
   * recovered from by themselves. Not together with `backend`.
   */
  redis?: string | RedisBackendOptions
}

/** Options of {@link RunningServer.close}. */
export interface CloseOptions {
  /** Close every client with 1012 ("service restart": back soon) instead of 1001. Default false. */
  restart?: boolean
}

/** A running server, as resolved by {@link startServer}. */
export interface RunningServer {
  /** The http base URL: the value for `AppSettingsBuilder.setServerUrl()`. */
  readonly url: string
  /** The WebSocket URL for the server's app (`ws://host:port/v1/ws?appId=…`). */
  readonly socketUrl: string
  /** The port it listens on. */
  readonly port: number
  /** The protocol core (users, sessions, messages), for tests and tools. */
  readonly core: RealtimeServerCore
  /**
   * Sends 1001 (or 1012 with `restart: true`) to every client, stops listening, resolves once every socket
   * and handle is closed. Idempotent: later calls return the first call's promise.
   */
  close(options?: CloseOptions): Promise<void>
  /** Cuts every socket's TCP connection, as a network fault would: clients see close code 1006. */
  dropConnections(): void
  /** Sends a `throttle` frame to every authenticated client, or only to `uid`'s sockets; returns how many. */
  sendThrottleNotice(uid?: string, options?: ThrottleNoticeOptions): number
  /** Open sockets (authenticated or not). */
  connectionCount(): number
  /** While true, WebSocket upgrades are refused with HTTP 503 (HTTP keeps working). */
  refuseConnections(refuse: boolean): void
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      const address = server.address()
      if (address === null || typeof address === 'string') reject(new Error('the server has no TCP address'))
      else resolve(address.port)
    })
  })
}

/**
 * Starts the realtime server: HTTP API and WebSocket on one port, on `ws` and `node:http`.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 4455 })
 * const settings = new AppSettingsBuilder().setServerUrl(server.url).build()
 * // …
 * await server.close()
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const {
    port = 0,
    host = '127.0.0.1',
    closeGraceMs = 2000,
    maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    maxConnections = DEFAULT_MAX_CONNECTIONS,
  } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw invalidOption('port', 'an integer in 0-65535', port)
  if (typeof host !== 'string' || host === '')
    throw invalidOption('host', 'a non-empty host name or address', host)
  if (!Number.isFinite(closeGraceMs) || closeGraceMs < 0)
    throw invalidOption('closeGraceMs', 'a number ≥ 0', closeGraceMs)
  if (!Number.isSafeInteger(maxBufferedBytes) || maxBufferedBytes <= 0)
    throw invalidOption('maxBufferedBytes', 'a positive integer', maxBufferedBytes)
  if (!Number.isSafeInteger(headersTimeoutMs) || headersTimeoutMs <= 0)
    throw invalidOption('headersTimeoutMs', 'a positive integer', headersTimeoutMs)
  if (!Number.isSafeInteger(requestTimeoutMs) || requestTimeoutMs < headersTimeoutMs)
    throw invalidOption(
      'requestTimeoutMs',
      `an integer ≥ headersTimeoutMs (${headersTimeoutMs})`,
      requestTimeoutMs,
    )
  if (!Number.isSafeInteger(maxConnections) || maxConnections <= 0)
    throw invalidOption('maxConnections', 'a positive integer', maxConnections)

  if (options.redis !== undefined && options.backend !== undefined)
    throw invalidOption('redis', 'no redis option when a backend is passed', options.redis)
  let backend = options.backend
  if (options.redis !== undefined) {
    const limits = resolveLimits(options)
    const clock = options.clock ?? systemClock
    backend = await createRedisBackend(
      typeof options.redis === 'string' ? { url: options.redis } : options.redis,
      {
        appId: options.appId ?? 'demo-app',
        bounds: {
          now: () => clock.now(),
          maxEvents: limits.inboxMaxEvents,
          maxAgeMs: limits.inboxMaxAgeMs,
          dedupeWindowMs: limits.dedupeWindowMs,
          dedupeMaxPerSender: limits.dedupeMaxPerSender,
        },
      },
    )
  }
  const ownBackend = options.redis !== undefined ? backend : undefined
  let core: RealtimeServerCore
  try {
    core = new RealtimeServerCore({ ...options, backend })
  } catch (error) {
    await ownBackend?.close()
    throw error
  }
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: core.limits.maxFrameBytes,
    perMessageDeflate: false,
  })
  let refusing = false
  let closing: Promise<void> | null = null
  const live = new Map<WebSocket, ConnectionHandlers>()
  const gate: UpgradeGate = {
    refusing: () => refusing || closing !== null,
    accepted(ws, handlers) {
      live.set(ws, handlers)
      ws.once('close', () => live.delete(ws))
    },
  }
  const httpServer = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default, which would stretch a 10 s bound to 40 s).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
    createHttpHandler(core),
  )
  httpServer.maxConnections = maxConnections
  httpServer.on('upgrade', createUpgradeHandler(core, wss, gate, maxBufferedBytes))
  // Track raw TCP sockets so close() can cut anything still open after the grace period.
  const tcpSockets = new Set<Socket>()
  httpServer.on('connection', (socket) => {
    tcpSockets.add(socket)
    socket.once('close', () => tcpSockets.delete(socket))
  })

  let boundPort: number
  try {
    boundPort = await listen(httpServer, port, host)
  } catch (error) {
    await ownBackend?.close()
    throw error
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`

  const shutdown = async (restart: boolean) => {
    // Stop listening first; the callback fires once every TCP connection (HTTP and WebSocket) is gone.
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
    httpServer.closeIdleConnections()
    const clientsClosed = [...wss.clients].map(
      (ws) =>
        new Promise<void>((resolve) =>
          ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()),
        ),
    )
    core.shutdown({ restart })
    let graceTimer: ReturnType<typeof setTimeout> | undefined
    const grace = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, closeGraceMs)
    })
    await Promise.race([Promise.all(clientsClosed), grace])
    clearTimeout(graceTimer)
    // Clients that did not answer the close handshake in time are cut, so close() always settles.
    for (const ws of wss.clients) ws.terminate()
    for (const socket of tcpSockets) socket.destroy()
    await Promise.all(clientsClosed)
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    await httpClosed
    await ownBackend?.close()
  }

  return {
    url,
    socketUrl: socketUrlFor(url, core.appId),
    port: boundPort,
    core,
    close(closeOptions = {}) {
      closing ??= shutdown(closeOptions.restart === true)
      return closing
    },
    dropConnections() {
      for (const [ws, handlers] of live) {
        ws.terminate()
        // Tell the core now rather than on ws's later 'close': the server forgets the sockets at once,
        // as the in-memory transport does, so callers can check its state right after.
        handlers.onClose()
      }
    },
    sendThrottleNotice: (uid, notice) => core.sendThrottleNotice(uid, notice),
    connectionCount: () => core.connectionCount(),
    refuseConnections(refuse) {
      refusing = refuse
    },
  }
}
