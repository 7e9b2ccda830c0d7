// One build step of `pnpm start`: a turbo run whose own output is kept back and turned into short
// progress lines (one per package: building or up to date, then the step's time), with a line every
// 15 s while a long task runs. On failure the kept output is printed, so nothing is lost.
import { spawn } from 'node:child_process'

const TASK_LINE = /^(\S+):build: cache (hit|miss|bypass)/
const TICK_MS = 15_000

/**
 * Runs `turbo run build` with the given filters. Resolves on success; rejects with an Error whose
 * `output` is everything turbo printed. `track(child)` is told about the child, so a Ctrl-C can stop it.
 * `reported` holds the packages already reported by earlier steps (turbo lists dependencies again).
 */
export function runBuildStep({ number, total, label, filters, cwd, env, log, track, reported = new Set() }) {
  const started = Date.now()
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
  log(`[start] ${number}/${total} building ${label} …`)
  // stream: each line as it comes (through a pipe turbo would otherwise group a task's lines at its end)
  const args = [
    'exec',
    'turbo',
    'run',
    'build',
    ...filters.map((f) => `--filter=${f}`),
    '--output-logs=full',
    '--log-order=stream',
  ]
  const child = spawn('pnpm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  track(child)
  let output = ''
  let pending = ''
  const read = (chunk) => {
    output += chunk
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const progress = taskProgress(line)
      if (!progress || reported.has(progress.name)) continue
      reported.add(progress.name)
      log(`[start]     ${progress.name}: ${progress.text}`)
    }
  }
  child.stdout.on('data', read)
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const ticker = setInterval(() => log(`[start]     … still building ${label} (${seconds()})`), TICK_MS)
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearInterval(ticker)
      reject(
        Object.assign(new Error(`building ${label} failed: ${why}`), { output: failedTasksOutput(output) }),
      )
    }
    child.on('error', (error) => fail(error.message))
    child.on('close', (code, signal) => {
      if (code !== 0) return fail(signal ? `stopped by ${signal}` : `exit code ${code}`)
      clearInterval(ticker)
      log(`[start] ${number}/${total} done in ${seconds()}`)
      resolve()
    })
  })
}

/** A turbo line that starts a build task, as `{ name, text }` for the progress line; else null. */
export function taskProgress(line) {
  const task = TASK_LINE.exec(line)
  if (!task) return null
  return { name: task[1], text: task[2] === 'hit' ? 'up to date (turbo cache)' : 'building' }
}

/**
 * The lines of the tasks that failed (turbo's `Failed:` line names them), then turbo's closing lines;
 * the whole output when no failed task is named (turbo itself failed).
 */
export function failedTasksOutput(output) {
  const failed = /^\s*Failed:\s+(.+)$/m.exec(output)?.[1]?.split(/,\s*/) ?? []
  if (failed.length === 0) return output
  const prefixes = failed.map((id) => `${id.replace('#', ':')}: `)
  const lines = output.split('\n')
  const own = lines.filter((line) => prefixes.some((prefix) => line.startsWith(prefix)))
  const closing = lines.slice(lines.findIndex((line) => /^\s*Tasks:/.test(line)))
  return [...own, '', ...closing].join('\n')
}
