// Mutation testing of the server's protocol logic (issue #15): src/protocol and the in-memory store.
// `pnpm mutation` (root) runs it incrementally from the committed stryker-incremental.json; `pnpm
// mutation:full` re-tests every mutant and rewrites that file. Surviving mutants that no test can kill
// are listed with their reason in equivalent-mutants.md beside this file.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // pnpm keeps the runner out of Stryker's own node_modules, where its '@stryker-mutator/*' glob looks.
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/protocol/**/*.ts',
    'src/store/memory-*.ts',
    // types only: nothing to mutate
    '!src/protocol/http-types.ts',
  ],
  // Committed, so a fresh clone (CI) re-tests only what changed since the last full run.
  incremental: true,
  incrementalFile: 'stryker-incremental.json',
  thresholds: { high: 90, low: 85, break: 85 },
  // Two cores, shared: more workers only slow every one of them down.
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: true },
}
