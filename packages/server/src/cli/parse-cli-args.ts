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
  -h, --help                 show this help

SIGINT / SIGTERM close every socket with 1001 and exit 0.
SIGUSR2 closes every socket with 1012 (service restart: clients come back at once) and exits 0:
send it when a supervisor restarts the server (nodemon sends SIGUSR2 on restart).`

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: StartServerOptions }
  | { kind: 'error'; message: string }

const numeric: Record<string, keyof StartServerOptions | 'rate-limit' | 'rate-burst'> = {
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
}

/** Flags for which 0 is a meaningful value (off), besides the port. */
const zeroAllowed: ReadonlySet<string> = new Set(['port', 'max-handshakes-per-second'])

/** Parses the bin's arguments (without `node` and the script). Never throws: bad input becomes `kind: 'error'`. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
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
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { kind: 'help' }
  const options: StartServerOptions = { port: 4455 }
  const rateLimit: { framesPerSecond?: number; burst?: number } = {}
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
  return { kind: 'run', options }
}
