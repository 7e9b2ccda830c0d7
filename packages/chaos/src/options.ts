import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'

/** What one chaos run does. */
export interface ChaosOptions {
  /** Engines (one user each). */
  readonly engines: number
  /** Seconds of faults, before the quiet period and the drain. */
  readonly seconds: number
  /** Seed of every random decision (printed; `--seed` replays it). */
  readonly seed: number
  /** Messages per second, all users together. */
  readonly sendRate: number
  /** Share of engines in manual mode (0 to 1). */
  readonly manualShare: number
  /** Mean seconds between server kills (`kill -9`, or a SIGUSR2 restart now and then). */
  readonly killEvery: number
  /** Mean seconds between two random actions of one engine (app state, network, session, connect…). */
  readonly actionEvery: number
  /** Mean seconds between two faults on one engine's proxy (drop, freeze, latency, slicing). */
  readonly faultEvery: number
}

/** The command line's usage text (`--help`). */
export const USAGE = `Usage: pnpm chaos [options]

Hundreds of real engines against the real server (a child process), through TCP proxies that drop,
freeze (half-open), delay and slice traffic, with kill -9 and restarts of the server and random
app-state, network and session changes per engine. Checks the engine's invariants and message delivery
while it runs and after the faults stop; prints its figures; exits 1 on any violation.

Options:
  --engines <n>       engines, one user each (default 300)
  --seconds <s>       seconds of faults (default 60)
  --seed <n>          seed of every random decision (default: random, printed)
  --send-rate <n>     messages per second, all users together (default engines / 10)
  --manual <share>    share of engines in manual mode, 0-1 (default 0.25)
  --kill-every <s>    mean seconds between server kills (default 20; at least one per run)
  --action-every <s>  mean seconds between one engine's random actions (default 4)
  --fault-every <s>   mean seconds between faults on one engine's proxy (default 8)
  -h, --help          show this help`

/** What the command line asks for. */
export type ChaosCommand =
  | { kind: 'run'; options: ChaosOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

const numbers = {
  engines: { min: 2, max: 5000, integer: true },
  seconds: { min: 1, max: 3600, integer: false },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  'send-rate': { min: 0, max: 10000, integer: false },
  manual: { min: 0, max: 1, integer: false },
  'kill-every': { min: 1, max: 3600, integer: false },
  'action-every': { min: 0.1, max: 3600, integer: false },
  'fault-every': { min: 0.1, max: 3600, integer: false },
} as const

type NumberFlag = keyof typeof numbers

/** Parses the arguments (without `node` and the script). Never throws: bad input becomes `kind: 'error'`. */
export function parseChaosArgs(argv: readonly string[]): ChaosCommand {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...(Object.fromEntries(Object.keys(numbers).map((flag) => [flag, { type: 'string' }])) as Record<
          NumberFlag,
          { type: 'string' }
        >),
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { kind: 'help' }
  const given: Partial<Record<NumberFlag, number>> = {}
  for (const [flag, rule] of Object.entries(numbers) as Array<[NumberFlag, (typeof numbers)[NumberFlag]]>) {
    const raw = values[flag]
    if (raw === undefined) continue
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN
    if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value)))
      return {
        kind: 'error',
        message: `--${flag} must be ${rule.integer ? 'a whole number' : 'a number'}; got ${JSON.stringify(raw)}`,
      }
    if (value < rule.min || value > rule.max)
      return { kind: 'error', message: `--${flag} must be from ${rule.min} to ${rule.max}; got ${value}` }
    given[flag] = value
  }
  const engines = given.engines ?? 300
  return {
    kind: 'run',
    options: {
      engines,
      seconds: given.seconds ?? 60,
      seed: given.seed ?? randomInt(2 ** 31),
      sendRate: given['send-rate'] ?? engines / 10,
      manualShare: given.manual ?? 0.25,
      killEvery: given['kill-every'] ?? 20,
      actionEvery: given['action-every'] ?? 4,
      faultEvery: given['fault-every'] ?? 8,
    },
  }
}

/** The flags that replay `options` exactly. */
export function replayArgs(options: ChaosOptions): string {
  return [
    `--engines ${options.engines}`,
    `--seconds ${options.seconds}`,
    `--seed ${options.seed}`,
    `--send-rate ${options.sendRate}`,
    `--manual ${options.manualShare}`,
    `--kill-every ${options.killEvery}`,
    `--action-every ${options.actionEvery}`,
    `--fault-every ${options.faultEvery}`,
  ].join(' ')
}
