import { describe, expect, it } from 'vitest'
import { countsIn, stripAnsi } from '../test-command/counts.mjs'

// Shapes copied from real logs of this repo (vitest 4 with and without colour, the e2e reporter, the
// Angular example's runner, the smoke check).
const ESC = '\u001b'
const colouredVitest = [
  ` ${ESC}[32m✓${ESC}[39m test/a.test.ts ${ESC}[2m(9 tests)${ESC}[22m`,
  `${ESC}[2m Test Files ${ESC}[22m ${ESC}[1m${ESC}[32m5 passed${ESC}[39m${ESC}[22m${ESC}[90m (5)${ESC}[39m`,
  `${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[32m44 passed${ESC}[39m${ESC}[22m${ESC}[90m (44)${ESC}[39m`,
].join('\n')

describe('countsIn', () => {
  it('reads a coloured vitest summary', () => {
    expect(countsIn(colouredVitest)).toEqual({ passed: 44, failed: 0, skipped: 0 })
  })

  it('reads failures and skips, and ignores the "Test Files" line', () => {
    const log = ' Test Files  1 failed | 4 passed (5)\n      Tests  2 failed | 40 passed | 1 skipped (43)\n'
    expect(countsIn(log)).toEqual({ passed: 40, failed: 2, skipped: 1 })
  })

  it('sums several vitest runs in one log and prefers them over a reporter line', () => {
    const log = '      Tests  3 passed (3)\ne2e: 3 passed, 0 failed\n      Tests  1 failed | 2 passed (3)\n'
    expect(countsIn(log)).toEqual({ passed: 5, failed: 1, skipped: 0 })
  })

  it('reads "no tests" as zero', () => {
    expect(countsIn(' Test Files  1 failed (1)\n      Tests  no tests\n')).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
    })
  })

  it('falls back to the last "N passed, M failed" line of a plain script', () => {
    expect(countsIn('example-angular e2e (812 ms)\n6 passed, 1 failed\n')).toEqual({
      passed: 6,
      failed: 1,
      skipped: 0,
    })
    expect(countsIn('✓ a\nsmoke: 16 passed, 0 failed\n')).toEqual({ passed: 16, failed: 0, skipped: 0 })
  })

  it('is null without a summary line', () => {
    expect(countsIn('tsc -p tsconfig.build.json\n')).toBeNull()
  })
})

describe('stripAnsi', () => {
  it('removes colours, cursor moves and hyperlinks, and nothing else', () => {
    const text = `${ESC}[1m${ESC}[32mok${ESC}[39m${ESC}[22m ${ESC}[2K${ESC}]8;;https://x${ESC}\\link${ESC}]8;;${ESC}\\ ✓ [start]`
    expect(stripAnsi(text)).toBe('ok link ✓ [start]')
  })
})
