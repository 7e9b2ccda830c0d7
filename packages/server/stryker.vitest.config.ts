import { defineConfig } from 'vitest/config'

// The server's tests as Stryker runs them: the ones that run the protocol logic in this process (unit
// tests of src/protocol, the store, the in-memory transport with real engines). Left out, to keep a
// mutant's run in seconds: the suites over real sockets (test/node, test/integration: the same logic
// through `ws`, seconds per test), other processes (the bin, the cluster: they run the built dist, which
// carries no mutant), Redis (not mutated, needs a redis-server), and the import-graph check (it reads
// source text, which Stryker instruments).
export default defineConfig({
  test: {
    // Every test here answers in milliseconds: a mutant that makes one wait for an event that never
    // comes fails it in 3 s, rather than hitting Stryker's timeout (which restarts the worker).
    testTimeout: 3_000,
    hookTimeout: 3_000,
    teardownTimeout: 5_000,
    include: ['test/protocol/**/*.test.ts', 'test/store/**/*.test.ts', 'test/in-memory/**/*.test.ts'],
    exclude: ['test/protocol/browser-safety.test.ts'],
  },
})
