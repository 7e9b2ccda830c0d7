// The one test command (README, .ci/run): lint, build, typecheck, unit + integration tests, the
// scripts' own tests, the browser tests in real headless Chromium, then the `pnpm start` smoke check.
// Long soaks and benchmarks have their own scripts. It ends with one line counting every test of every
// package and browser suite: `all tests: N passed, M failed`.
// Colour: on in a terminal, off otherwise or with NO_COLOR set. Off means NO_COLOR=1 for every tool
// (FORCE_COLOR=0 is not enough: vitest colours whenever FORCE_COLOR is set at all), turbo's
// --no-color, and escape codes stripped from what passes through (turbo replays cached logs as they
// were written).
import { fileURLToPath } from 'node:url'
import { countsIn } from './test-command/counts.mjs'
import { runCommand } from './test-command/run-command.mjs'
import { formatSummary } from './test-command/summary.mjs'
import { tasksOfLastRun } from './test-command/turbo-tasks.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const colour = process.env.FORCE_COLOR
  ? process.env.FORCE_COLOR !== '0'
  : Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env)
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }
if (colour) {
  env.FORCE_COLOR = '1' // output goes through a pipe, which tools take for "no colour"
  delete env.NO_COLOR
} else {
  env.NO_COLOR = '1'
  delete env.FORCE_COLOR
}
const turboColour = colour ? '--color' : '--no-color'

/** One row per suite: `{ name, passed, failed, skipped, note }`. */
const suites = []
const run = (command, args) => runCommand(command, args, { env, colour, cwd: root })

/** A turbo stage: its test tasks' counts become suites; other failing tasks become failures too. */
async function turbo(args, testTasks) {
  const since = Date.now()
  const { code, output } = await run('pnpm', ['exec', 'turbo', 'run', ...args, '--summarize', turboColour])
  for (const task of tasksOfLastRun(root, since, output)) {
    if (task.exitCode === null) continue // not run: an earlier task failed
    const counts = testTasks.includes(task.task) ? countsIn(task.log) : null
    if (counts) suites.push({ name: task.id, ...counts, exitCode: task.exitCode })
    else if (task.exitCode !== 0 || testTasks.includes(task.task))
      suites.push({ name: task.id, passed: 0, failed: 0, skipped: 0, exitCode: task.exitCode })
  }
  return code
}

/** A command that prints its own counts (vitest, or an `N passed, M failed` line). */
async function counted(name, command, args) {
  const { code, output } = await run(command, args)
  suites.push({ name, ...(countsIn(output) ?? { passed: 0, failed: 0, skipped: 0 }), exitCode: code })
  return code
}

const stages = [
  ['chromium', () => run('node', ['scripts/ensure-chromium.mjs']).then((r) => r.code)],
  [
    'lint',
    () =>
      run('pnpm', ['exec', 'biome', 'check', `--colors=${colour ? 'force' : 'off'}`, '.']).then(
        (r) => r.code,
      ),
  ],
  [
    'build, typecheck, unit and integration tests',
    () => turbo(['build', 'typecheck', 'test', '--output-logs=errors-only', '--concurrency=2'], ['test']),
  ],
  [
    'the scripts’ tests',
    () =>
      counted('scripts (start, test command)', 'pnpm', [
        'exec',
        'vitest',
        'run',
        '--config',
        'scripts/vitest.config.mjs',
      ]),
  ],
  ['browser tests', () => turbo(['test:e2e', '--concurrency=1', '--output-logs=full'], ['test:e2e'])],
  ['pnpm start smoke check', () => counted('pnpm start (smoke)', 'node', ['scripts/smoke-start.mjs'])],
]

let failedStage = null
for (const [name, stage] of stages) {
  const before = suites.length
  const code = await stage()
  if (code === 0) continue
  failedStage = name
  // A stage that failed without a failing suite of its own (lint, or turbo before any task) still counts.
  if (!suites.slice(before).some((s) => s.exitCode !== 0))
    suites.push({ name, passed: 0, failed: 0, skipped: 0, exitCode: code })
  break
}
console.log(formatSummary(suites, failedStage))
process.exit(failedStage ? 1 : 0)
