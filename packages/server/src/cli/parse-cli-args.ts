import { parseArgs } from 'node:util'
import type { StartServerOptions } from '../node/start-server.js'

/** The bin's usage text (`--help`). */
export const USAGE = `Usage: cometchat-connection-server [options]

Starts the realtime development server (HTTP API + WebSocket on one port).

Options:
  -p, --port <n>             TCP port (default 4455; 0 picks a free one)
      --host <addr>          interface to listen on (default 127.0.0.1)
      --app-id <id>          app id clients must use (default demo-app)
      --auth-key <key>       auth key for development login (default demo-auth-key)
      --idle-timeout <ms>    close sockets silent this long, 4008 (default 60000)
      --auth-timeout <ms>    time to send the auth frame, 4002 (default 5000)
      --token-ttl <ms>       auth token lifetime (default 86400000 = 24 h)
      --max-frame-bytes <n>  largest frame, 1009 (default 65536)
      --rate-limit <n>       frames per second per socket (default 20)
      --rate-burst <n>       burst per socket (default 40)
      --inbox-max-events <n> events kept per user inbox (default 1000)
      --inbox-max-age <ms>   inbox events older than this are trimmed (default 86400000 = 24 h)
      --max-handshakes-per-second <n>
                             new sockets admitted per second, the rest closed 4013 (default 1000; 0 = off)
      --redis <url>          keep tokens, users, inboxes and presence in Redis (redis://host:port), so
                             several processes behind a load balancer are one server
                             (default: $COMETCHAT_REDIS_URL, else everything in this process's memory)
      --redis-prefix <p>     prefix of every Redis key (default cometchat:<app-id>:)
      --presence-ttl <ms>    with Redis: a process silent this long counts as dead and its users go
                             offline within 4/3 of it (default 15000)
  -h, --help                 show this help

SIGINT / SIGTERM close every socket with 1001 and exit 0.
SIGUSR2 closes every socket with 1012 (service restart: clients come back at once) and exits 0:
send it when a supervisor restarts the server (nodemon sends SIGUSR2 on restart).`

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: StartServerOptions }
  | { kind: 'error'; message: string }

/** The environment variable that turns Redis on when `--redis` is not given. */
export const REDIS_URL_ENV = 'COMETCHAT_REDIS_URL'

const numeric: Record<string, keyof StartServerOptions | 'rate-limit' | 'rate-burst' | 'presence-ttl'> = {
  port: 'port',
  'idle-timeout': 'idleTimeoutMs',
  'auth-timeout': 'authTimeoutMs',
  'token-ttl': 'tokenTtlMs',
  'max-frame-bytes': 'maxFrameBytes',
  'rate-limit': 'rate-limit',
  'rate-burst': 'rate-burst',
  'inbox-max-events': 'inboxMaxEvents',
  'inbox-max-age': 'inboxMaxAgeMs',
  'max-handshakes-per-second': 'maxHandshakesPerSecond',
  'presence-ttl': 'presence-ttl',
}

/** Flags for which 0 is a meaningful value (off), besides the port. */
const zeroAllowed: ReadonlySet<string> = new Set(['port', 'max-handshakes-per-second'])

/**
 * Parses the bin's arguments (without `node` and the script) and `env` (`COMETCHAT_REDIS_URL`). Never
 * throws: bad input becomes `kind: 'error'`.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'app-id': { type: 'string' },
        'auth-key': { type: 'string' },
        'idle-timeout': { type: 'string' },
        'auth-timeout': { type: 'string' },
        'token-ttl': { type: 'string' },
        'max-frame-bytes': { type: 'string' },
        'rate-limit': { type: 'string' },
        'rate-burst': { type: 'string' },
        'inbox-max-events': { type: 'string' },
        'inbox-max-age': { type: 'string' },
        'max-handshakes-per-second': { type: 'string' },
        redis: { type: 'string' },
        'redis-prefix': { type: 'string' },
        'presence-ttl': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { kind: 'help' }
  const options: StartServerOptions = { port: 4455 }
  const rateLimit: { framesPerSecond?: number; burst?: number } = {}
  let presenceTtlMs: number | undefined
  for (const [flag, key] of Object.entries(numeric)) {
    const raw = values[flag]
    if (raw === undefined) continue
    if (typeof raw !== 'string' || !/^\d+$/.test(raw))
      return { kind: 'error', message: `--${flag} must be a whole number; got ${JSON.stringify(raw)}` }
    const value = Number(raw)
    if (flag === 'port' && value > 65535)
      return { kind: 'error', message: `--port must be 0-65535; got ${value}` }
    if (!zeroAllowed.has(flag) && value === 0)
      return { kind: 'error', message: `--${flag} must be greater than 0` }
    if (key === 'rate-limit') rateLimit.framesPerSecond = value
    else if (key === 'rate-burst') rateLimit.burst = value
    else if (key === 'presence-ttl') presenceTtlMs = value
    else (options as Record<string, unknown>)[key] = value
  }
  for (const [flag, key] of [
    ['host', 'host'],
    ['app-id', 'appId'],
    ['auth-key', 'authKey'],
  ] as const) {
    const raw = values[flag]
    if (raw === undefined) continue
    if (typeof raw !== 'string' || raw === '')
      return { kind: 'error', message: `--${flag} must not be empty` }
    options[key] = raw
  }
  if (rateLimit.framesPerSecond !== undefined || rateLimit.burst !== undefined) options.rateLimit = rateLimit
  const flag = values.redis
  const url = typeof flag === 'string' ? flag : env[REDIS_URL_ENV] || undefined
  const from = typeof flag === 'string' ? '--redis' : REDIS_URL_ENV
  if (url !== undefined) {
    if (!/^rediss?:\/\/\S+$/.test(url))
      return {
        kind: 'error',
        message: `${from} must be a redis:// or rediss:// URL; got ${JSON.stringify(url)}`,
      }
    const prefix = values['redis-prefix']
    options.redis = {
      url,
      ...(typeof prefix === 'string' && prefix !== '' ? { prefix } : {}),
      ...(presenceTtlMs !== undefined ? { presenceTtlMs } : {}),
    }
  } else if (values['redis-prefix'] !== undefined || presenceTtlMs !== undefined) {
    return {
      kind: 'error',
      message: '--redis-prefix and --presence-ttl need --redis (or COMETCHAT_REDIS_URL)',
    }
  }
  return { kind: 'run', options }
}
