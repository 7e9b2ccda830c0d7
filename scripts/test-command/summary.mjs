// The test command's closing lines: one row per suite, then the one overall line.

/**
 * The summary text. A suite whose command failed without a failing test (it crashed, or a check after
 * the tests failed) counts as one failure, so the overall line can never read 0 failed after a failure.
 */
export function formatSummary(suites, failedStage) {
  const width = Math.max(10, ...suites.map((s) => s.name.length))
  let passed = 0
  let failed = 0
  let skipped = 0
  const rows = suites.map((suite) => {
    const extra = suite.exitCode !== 0 && suite.failed === 0 ? 1 : 0
    passed += suite.passed
    failed += suite.failed + extra
    skipped += suite.skipped
    const notes = [
      suite.skipped ? `${suite.skipped} skipped` : '',
      extra ? `exit code ${suite.exitCode} without a failing test` : '',
      suite.passed + suite.failed + suite.skipped === 0 && !extra ? 'no tests counted' : '',
    ].filter(Boolean)
    const mark = suite.exitCode === 0 && suite.failed === 0 ? '✓' : '✗'
    return `${mark} ${suite.name.padEnd(width)}  ${String(suite.passed).padStart(5)} passed  ${String(suite.failed + extra).padStart(3)} failed${notes.length ? `  (${notes.join(', ')})` : ''}`
  })
  const stopped = failedStage ? `; stopped: ${failedStage} failed` : ''
  return [
    '',
    `Summary (${suites.length} suites)`,
    ...rows,
    `all tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${stopped}`,
  ].join('\n')
}
