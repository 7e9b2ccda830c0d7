import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach } from 'vitest'

/** A Node script run by a test: its output, its exit, and the first match of `ready` in its stdout. */
export interface NodeProcess {
  readonly child: ChildProcess
  /** The first match of `ready` in stdout; rejects if the process exits first. */
  readonly ready: Promise<RegExpExecArray>
  /** Its exit code. */
  readonly exited: Promise<number | null>
  out(): string
  err(): string
}

/**
 * `run(script, args, env)` for tests: starts `node script args` (env added to this process's) and kills
 * whatever is still running after each test.
 */
export function useNodeProcesses(ready: RegExp) {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })
  return (script: string, args: string[] = [], env: Record<string, string> = {}): NodeProcess => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    children.push(child)
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk) => {
      out += chunk
    })
    child.stderr?.on('data', (chunk) => {
      err += chunk
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const matched = new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match = ready.exec(out)
        if (match) resolve(match)
      })
      exited.then(() => reject(new Error(`${script} exited before it was ready: ${err}`)))
    })
    // Runs that are meant to fail never get ready; only tests that await `ready` care.
    matched.catch(() => {})
    return { child, ready: matched, exited, out: () => out, err: () => err }
  }
}
