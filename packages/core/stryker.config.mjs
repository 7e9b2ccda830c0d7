// Mutation testing of the engine (issue #15): the machine, the delivery code, the shell and the socket port.
// `pnpm mutation` (root) runs it incrementally from the committed stryker-incremental.json; `pnpm mutation:full`
// re-tests every mutant and rewrites that file. Surviving mutants that no test can kill are listed with
// their reason in equivalent-mutants.md beside this file.
import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs'

// The property test's fixed seeds stay; fewer runs per mutant keep a mutation run in minutes (the
// schedules of the first runs are the same ones the default run checks).
process.env.FC_NUM_RUNS ??= '60'

export default strykerConfig({
  mutate: [
    'src/machine/**/*.ts',
    'src/delivery/**/*.ts',
    'src/engine.ts',
    'src/ports/socket.ts',
    // types only: nothing to mutate
    '!src/machine/effects.ts',
    '!src/machine/events.ts',
  ],
  thresholds: { high: 95, low: 90, break: 90 },
})
