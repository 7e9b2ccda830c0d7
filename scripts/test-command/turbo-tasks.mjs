// The tasks of one `turbo run … --summarize`: turbo writes a run summary (.turbo/runs/<id>.json) with
// every task, its exit code and its log file (written for executed tasks, restored for cached ones;
// none for tasks with `cache: false`, such as test:e2e: their lines are taken from turbo's output).
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The tasks of the newest run summary written since `since` (epoch ms), as
 * `{ id, task, package, exitCode, log }` (exitCode null: not run), and removes that summary.
 * `output` is what turbo printed: a task without a log file gets its prefixed lines from it.
 * Returns [] when turbo wrote none (it failed before running anything).
 */
export function tasksOfLastRun(root, since, output = '') {
  const dir = join(root, '.turbo', 'runs')
  let files = []
  try {
    files = readdirSync(dir).map((name) => join(dir, name))
  } catch {
    return []
  }
  const newest = files
    .filter((file) => file.endsWith('.json') && statSync(file).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (!newest) return []
  const summary = JSON.parse(readFileSync(newest, 'utf8'))
  rmSync(newest)
  return summary.tasks.map((task) => ({
    id: task.taskId,
    task: task.task,
    package: task.package,
    exitCode: task.execution?.exitCode ?? null,
    log: readLog(join(root, task.logFile ?? '')) || linesOf(output, `${task.package}:${task.task}: `),
  }))
}

/** The lines of `output` that start with `prefix` (turbo's `package:task: `), without it. */
export function linesOf(output, prefix) {
  return output
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length))
    .join('\n')
}

function readLog(path) {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
