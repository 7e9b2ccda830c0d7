import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** How a server process ended. */
export type ServerEnd = 'kill -9' | 'SIGUSR2 restart' | 'SIGTERM stop' | 'crash'

/** Called when the server process exits without being told to: a crash (uncaught error, unhandled rejection). */
export type UnexpectedExit = (info: { code: number | null; signal: string | null; stderr: string }) => void

const require = createRequire(import.meta.url)

/** The server package's command line (`cometchat-connection-server`), from its built `dist/`. */
export function serverCliPath(): string {
  return join(dirname(require.resolve('@cometchat-connection/server/package.json')), 'dist', 'cli.js')
}

/**
 * The real server in a child process, through its own command line, on a fixed port so a restart comes
 * back where the proxies point. The run kills it (`kill -9`: every socket and all in-memory state gone),
 * restarts it gracefully (SIGUSR2: 1012 to every client), and stops it at the end (SIGTERM, exit 0).
 */
export class ServerProcess {
  private child: ChildProcess | null = null
  private expectedEnd: ServerEnd | null = null
  private exited: Promise<{ code: number | null; signal: string | null }> = Promise.resolve({
    code: 0,
    signal: null,
  })
  private stderr = ''
  /** Everything the processes wrote to stderr, in lines. */
  readonly stderrLines: string[] = []

  /**
   * @param port - where it listens, every time
   * @param args - further command-line flags (limits)
   */
  constructor(
    readonly port: number,
    private readonly args: readonly string[],
    private readonly onUnexpectedExit: UnexpectedExit,
  ) {}

  /** Whether a process is running (started and not yet exited). */
  get running(): boolean {
    return this.child !== null
  }

  /** Starts a process and resolves once it listens; rejects when it exits first or takes over 15 s. */
  start(): Promise<void> {
    const child = spawn(process.execPath, [serverCliPath(), '--port', `${this.port}`, ...this.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.expectedEnd = null
    this.stderr = ''
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (text: string) => {
      this.stderr += text
      for (const line of text.split('\n')) if (line.trim()) this.stderrLines.push(line)
    })
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null
        if (this.expectedEnd === null) this.onUnexpectedExit({ code, signal, stderr: this.stderr })
        resolve({ code, signal })
      })
    })
    return new Promise((resolve, reject) => {
      let out = ''
      const timer = setTimeout(
        () => fail(new Error('the server did not start listening within 15 s')),
        15_000,
      )
      const fail = (error: Error) => {
        clearTimeout(timer)
        reject(error)
      }
      child.stdout!.setEncoding('utf8')
      child.stdout!.on('data', (text: string) => {
        out += text
        if (!out.includes('listening on')) return
        clearTimeout(timer)
        resolve()
      })
      child.once('exit', (code) =>
        fail(new Error(`the server exited (${code}) before listening: ${this.stderr}`)),
      )
    })
  }

  /** `kill -9`: the process dies at once, no close frames, all state lost. Resolves once it is gone. */
  async kill9(): Promise<void> {
    await this.end('kill -9', 'SIGKILL')
  }

  /** SIGUSR2: every client gets 1012 ("service restart"), then the process exits 0. Resolves with its exit code. */
  async restartSignal(): Promise<number | null> {
    return (await this.end('SIGUSR2 restart', 'SIGUSR2')).code
  }

  /** SIGTERM: every client gets 1001, then the process exits 0. Resolves with its exit code. */
  async stop(): Promise<number | null> {
    return (await this.end('SIGTERM stop', 'SIGTERM')).code
  }

  private async end(
    how: ServerEnd,
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: string | null }> {
    const child = this.child
    if (!child) return { code: 0, signal: null }
    this.expectedEnd = how
    child.kill(signal)
    return this.exited
  }
}
