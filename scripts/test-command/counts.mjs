// Reads test counts out of a test run's output (a turbo task log or a captured stream), so the test
// command can end with one line for every suite. Colour codes are stripped first.

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g

/** The text without terminal escape sequences. */
export const stripAnsi = (text) => text.replace(ANSI, '')

const count = (text, word) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0)

/**
 * `{ passed, failed, skipped }` of a run's output, or null when it has no summary line. Every vitest
 * summary (`Tests  2 failed | 40 passed | 1 skipped (43)`) counts, summed when a log holds several
 * runs; without one, the last `N passed, M failed` line (a plain script's summary) does.
 */
export function countsIn(output) {
  const lines = stripAnsi(output).split(/\r?\n/)
  const vitest = lines.filter((line) => /^\s*Tests\s{2,}\S/.test(line))
  if (vitest.length > 0) {
    const total = { passed: 0, failed: 0, skipped: 0 }
    for (const line of vitest) {
      total.passed += count(line, 'passed')
      total.failed += count(line, 'failed')
      total.skipped += count(line, 'skipped') + count(line, 'todo')
    }
    return total
  }
  const plain = lines.findLast((line) => /\d+ passed, \d+ failed/.test(line))
  if (!plain) return null
  return { passed: count(plain, 'passed'), failed: count(plain, 'failed'), skipped: count(plain, 'skipped') }
}
