import type { Reporter, TestModule } from 'vitest/node'

/**
 * A vitest reporter that prints one plain `e2e: N passed, N failed` line at the end of the run (CI logs
 * read it). Import it from `@cometchat-connection/test-kit/reporter` in a vitest config.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++
    }
    console.log(`\ne2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  }
}
