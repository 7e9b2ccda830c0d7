import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

/** Runs the built command line to its end; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
  })
}

/** A figure of the report: the number after `label`. */
function figure(output: string, label: RegExp): number {
  const match = label.exec(output)
  if (!match) throw new Error(`no ${label} in the chaos output:\n${output}`)
  return Number(match[1])
}

describe('pnpm chaos, short run', () => {
  // A new seed every run (printed, with the command that replays it); CHAOS_SEED pins one.
  const seed = process.env.CHAOS_SEED ?? `${Math.floor(Math.random() * 2 ** 31)}`

  it(`100 engines under faults for 20 s hold every invariant and lose no acknowledged message (seed ${seed})`, async () => {
    const { code, output } = await runCli(['--engines', '100', '--seconds', '20', '--seed', seed])
    console.log(output)
    expect(output).toContain(`violations: none (seed ${seed})`)
    expect(code).toBe(0)
    // The run did what it says: every kind of fault, sockets, messages and their delivery.
    for (const fault of ['drop', 'freeze', 'dead freeze', 'latency', 'slicing'])
      expect(figure(output, new RegExp(`faults injected: .*\\b${fault} (\\d+)`))).toBeGreaterThan(0)
    expect(figure(output, /server processes: (\d+)/)).toBeGreaterThan(1)
    expect(figure(output, /sockets: (\d+) WebSockets opened/)).toBeGreaterThan(100)
    expect(figure(output, /acknowledged (\d+)/)).toBeGreaterThan(0)
    expect(figure(output, /delivered exactly once (\d+)/)).toBeGreaterThan(0)
    expect(figure(output, /missing (\d+)/)).toBe(0)
  }, 180_000)
})
