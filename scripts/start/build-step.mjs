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
  const args = ['exec', 'turbo', 'run', 'build', ...filters.map((f) => `--filter=${f}`), '--output-logs=full']
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
      const task = TASK_LINE.exec(line)
      if (!task) continue
      const [, name, cache] = task
      if (reported.has(name)) continue
      reported.add(name)
      log(`[start]     ${name}: ${cache === 'hit' ? 'up to date (turbo cache)' : 'building'}`)
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
      reject(Object.assign(new Error(`building ${label} failed: ${why}`), { output }))
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
