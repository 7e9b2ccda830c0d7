// Mutation testing of the server's protocol logic (issue #15): src/protocol and the in-memory store.
// `pnpm mutation` (root) runs it incrementally from the committed stryker-incremental.json; `pnpm
// mutation:full` re-tests every mutant and rewrites that file. Surviving mutants that no test can kill
// are listed with their reason in equivalent-mutants.md beside this file.
import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs'

export default strykerConfig({
  mutate: [
    'src/protocol/**/*.ts',
    'src/store/memory-*.ts',
    // types only: nothing to mutate
    '!src/protocol/http-types.ts',
  ],
  thresholds: { high: 90, low: 85, break: 85 },
})
