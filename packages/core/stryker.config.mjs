// Mutation testing of the engine (issue #15): the machine, the delivery code, the shell and the socket port.
// `pnpm mutation` (root) runs it incrementally from the committed stryker-incremental.json; `pnpm mutation:full`
// re-tests every mutant and rewrites that file. Surviving mutants that no test can kill are listed with
// their reason in equivalent-mutants.md beside this file.

// The property test's fixed seeds stay; fewer runs per mutant keep a mutation run in minutes (the
// schedules of the first runs are the same ones the default run checks).
process.env.FC_NUM_RUNS ??= '60'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // pnpm keeps the runner out of Stryker's own node_modules, where its '@stryker-mutator/*' glob looks.
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/machine/**/*.ts',
    'src/delivery/**/*.ts',
    'src/engine.ts',
    'src/ports/socket.ts',
    // types only: nothing to mutate
    '!src/machine/effects.ts',
    '!src/machine/events.ts',
  ],
  // Committed, so a fresh clone (CI) re-tests only what changed since the last full run.
  incremental: true,
  incrementalFile: 'stryker-incremental.json',
  thresholds: { high: 95, low: 90, break: 90 },
  // Two cores, shared: more workers only slow every one of them down.
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: true },
}
