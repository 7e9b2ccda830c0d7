// What both packages' Stryker configs share (issue #15); each config adds what it mutates, its
// thresholds and anything of its own. See docs/decisions.md D87.

/**
 * @param {{ mutate: string[], thresholds: { high: number, low: number, break: number } }} own
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig({ mutate, thresholds }) {
  return {
    // pnpm keeps the runner out of Stryker's own node_modules, where its '@stryker-mutator/*' glob looks.
    plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
    testRunner: 'vitest',
    vitest: { configFile: 'stryker.vitest.config.ts' },
    coverageAnalysis: 'perTest',
    mutate,
    // Committed, so a fresh clone re-tests only what changed since the last full run.
    incremental: true,
    incrementalFile: 'stryker-incremental.json',
    thresholds,
    // Two cores, shared: more workers only slow every one of them down.
    concurrency: 2,
    timeoutMS: 5_000,
    reporters: ['clear-text', 'progress', 'json', 'html'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    htmlReporter: { fileName: 'reports/mutation/mutation.html' },
    clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: true },
  }
}
