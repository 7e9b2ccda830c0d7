import { setTimeout as sleep } from 'node:timers/promises'
import type { DeliveryLedger } from './delivery-ledger.js'
import { probeServer } from './probe-server.js'
import { type ServerEnd, ServerProcess } from './server-process.js'
import type { Tally } from './tally.js'
import type { Violations } from './violations.js'

/** One server process of the run. */
export interface Generation {
  /** The prefix of the message ids it assigned (see {@link probeServer}). */
  readonly prefix: string
  readonly startedAt: number
  endedAt: number | null
  end: ServerEnd | null
}

/**
 * The run's server: one child process after another on the same port. Kills (`kill -9`) and graceful
 * restarts (SIGUSR2) come from the schedule; a crash is a violation (with the process's stderr) and
 * is followed by a restart too. Every process is probed when it starts, and the ledger learns when
 * each one ended, so a message that died with its process is told apart from a lost one.
 */
export class ChaosServer {
  readonly generations: Generation[] = []
  readonly url: string
  private readonly process: ServerProcess
  /** A kill, restart or start in progress. */
  private busy: Promise<void> = Promise.resolve()
  private stopping = false

  /**
   * @param args - the command line's limit flags
   */
  constructor(
    port: number,
    args: readonly string[],
    private readonly appId: string,
    private readonly authKey: string,
    private readonly ledger: DeliveryLedger,
    private readonly violations: Violations,
    private readonly faults: Tally,
  ) {
    this.url = `http://127.0.0.1:${port}`
    this.process = new ServerProcess(port, ['--app-id', appId, '--auth-key', authKey, ...args], (info) => {
      const stderr = info.stderr.trim().split('\n').slice(-8).join('\n  ')
      this.violations.add(
        'server exited unexpectedly',
        `the server process exited (code ${info.code}, signal ${info.signal}) without being told to${stderr ? `:\n  ${stderr}` : ''}`,
      )
      this.ended('crash')
      if (!this.stopping) this.chain(() => this.launch())
    })
  }

  /** Lines the server processes wrote to stderr (none is expected). */
  get stderrLines(): readonly string[] {
    return this.process.stderrLines
  }

  /** Starts the first process. */
  async start(): Promise<void> {
    await this.launch()
  }

  /**
   * Ends the current process (`kill -9`, or SIGUSR2: 1012 to every client and exit 0), leaves the port
   * closed for `downMs`, then starts a new process. Does nothing while another restart runs.
   */
  restart(how: 'kill -9' | 'SIGUSR2 restart', downMs: number): void {
    this.chain(async () => {
      if (!this.process.running) return
      this.faults.add(how === 'kill -9' ? 'server kill -9' : 'server restart (SIGUSR2)')
      if (how === 'kill -9') await this.process.kill9()
      else {
        const code = await this.process.restartSignal()
        if (code !== 0)
          this.violations.add(
            'server exited unexpectedly',
            `SIGUSR2 should end the server with code 0; got ${code}`,
          )
      }
      this.ended(how)
      await sleep(downMs)
      await this.launch()
    })
  }

  /** Resolves once no restart is in progress and a process serves. */
  async settled(): Promise<void> {
    await this.busy
    if (!this.process.running) {
      this.chain(() => this.launch())
      await this.busy
    }
  }

  /** Stops the last process with SIGTERM; its exit code must be 0 (a clean shutdown). */
  async stop(): Promise<void> {
    this.stopping = true
    await this.busy
    const code = await this.process.stop()
    this.ended('SIGTERM stop')
    if (code !== 0)
      this.violations.add(
        'server exited unexpectedly',
        `SIGTERM should end the server with code 0; got ${code}`,
      )
  }

  private chain(step: () => Promise<void>): void {
    this.busy = this.busy.then(step).catch((error: unknown) => {
      this.violations.add(
        'server exited unexpectedly',
        `the server could not be (re)started: ${String(error)}`,
      )
    })
  }

  private async launch(): Promise<void> {
    await this.process.start()
    const startedAt = Date.now()
    let prefix: string | null = null
    for (let attempt = 1; prefix === null; attempt++) {
      try {
        prefix = await probeServer(this.url, this.appId, this.authKey)
      } catch (error) {
        if (attempt === 3) throw new Error(`the new server process does not serve: ${String(error)}`)
      }
    }
    this.generations.push({ prefix, startedAt, endedAt: null, end: null })
  }

  private ended(how: ServerEnd): void {
    const current = this.generations.at(-1)
    if (!current || current.endedAt !== null) return
    current.endedAt = Date.now()
    current.end = how
    this.ledger.processEnded(current.prefix, current.endedAt)
  }
}
