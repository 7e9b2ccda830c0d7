import { describe, expect, it } from 'vitest'
import { formatSummary } from '../test-command/summary.mjs'

const suite = (name, passed, failed, exitCode = failed ? 1 : 0, skipped = 0) => ({
  name,
  passed,
  failed,
  skipped,
  exitCode,
})

describe('formatSummary', () => {
  it('ends with one line counting every suite', () => {
    const text = formatSummary(
      [suite('@x/core#test', 300, 0), suite('@x/docs#test:e2e', 12, 0), suite('smoke', 16, 0)],
      null,
    )
    const lines = text.split('\n')
    expect(lines.at(-1)).toBe('all tests: 328 passed, 0 failed')
    expect(lines).toContain('Summary (3 suites)')
  })

  it('counts failing tests, and a suite that failed without a failing test as one failure', () => {
    const text = formatSummary([suite('a', 10, 2), suite('b#test', 5, 0, 1), suite('lint', 0, 0, 1)], 'lint')
    expect(text.split('\n').at(-1)).toBe('all tests: 15 passed, 4 failed; stopped: lint failed')
    expect(text).toContain('exit code 1 without a failing test')
  })

  it('says so when a suite counted no tests', () => {
    expect(formatSummary([suite('empty', 0, 0)], null)).toContain('no tests counted')
  })
})
