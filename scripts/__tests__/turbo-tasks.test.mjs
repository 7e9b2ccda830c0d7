import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { linesOf, tasksOfLastRun } from '../test-command/turbo-tasks.mjs'

const dirs = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A repo folder with one turbo run summary (the fields the test command reads) and a log file. */
function repoWithRun(tasks) {
  const root = mkdtempSync(join(tmpdir(), 'turbo-tasks-'))
  dirs.push(root)
  mkdirSync(join(root, '.turbo', 'runs'), { recursive: true })
  mkdirSync(join(root, 'packages', 'a', '.turbo'), { recursive: true })
  writeFileSync(join(root, 'packages', 'a', '.turbo', 'turbo-test.log'), '      Tests  3 passed (3)\n')
  writeFileSync(join(root, '.turbo', 'runs', 'run1.json'), JSON.stringify({ tasks }))
  return root
}

describe('tasksOfLastRun', () => {
  it('reads each task with its exit code and log; a task without a log file gets its lines from the output', () => {
    const root = repoWithRun([
      {
        taskId: 'a#test',
        task: 'test',
        package: 'a',
        logFile: 'packages/a/.turbo/turbo-test.log',
        execution: { exitCode: 0 },
      },
      {
        taskId: 'b#test:e2e',
        task: 'test:e2e',
        package: 'b',
        logFile: 'packages/b/.turbo/turbo-test:e2e.log',
        execution: { exitCode: 1 },
      },
      { taskId: 'c#test', task: 'test', package: 'c', logFile: 'packages/c/.turbo/turbo-test.log' },
    ])
    const output =
      'b:test:e2e: Tests  1 failed | 2 passed (3)\na:build: done\nb:test:e2e: e2e: 2 passed, 1 failed\n'
    expect(tasksOfLastRun(root, 0, output)).toEqual([
      { id: 'a#test', task: 'test', package: 'a', exitCode: 0, log: '      Tests  3 passed (3)\n' },
      {
        id: 'b#test:e2e',
        task: 'test:e2e',
        package: 'b',
        exitCode: 1,
        log: 'Tests  1 failed | 2 passed (3)\ne2e: 2 passed, 1 failed',
      },
      { id: 'c#test', task: 'test', package: 'c', exitCode: null, log: '' },
    ])
    expect(tasksOfLastRun(root, 0)).toEqual([]) // the summary was consumed
  })

  it('ignores summaries older than the run', () => {
    const root = repoWithRun([{ taskId: 'a#test', task: 'test', package: 'a', execution: { exitCode: 0 } }])
    expect(tasksOfLastRun(root, Date.now() + 60_000)).toEqual([])
  })
})

describe('linesOf', () => {
  it('keeps only the lines of one task, without the prefix', () => {
    expect(linesOf('x:test: one\ny:test: other\nx:test: two', 'x:test: ')).toBe('one\ntwo')
  })
})
