import { defineConfig } from 'vitest/config'

// The server's tests as Stryker runs them: everything that runs the protocol logic in this process
// (unit tests, the in-memory transport, the real-socket suite on the in-memory backend). Left out:
// tests of other processes (the bin, the cluster: they run the built dist, which carries no mutant),
// Redis (outside the mutated code, and it needs a redis-server), and the import-graph check (it reads
// source text, which Stryker instruments).
export default defineConfig({
  test: {
    testTimeout: 15_000,
    hookTimeout: 15_000,
    teardownTimeout: 5_000,
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/cluster/**',
      'test/redis/**',
      'test/node/cli.test.ts',
      'test/test-kit/**',
      'test/protocol/browser-safety.test.ts',
    ],
  },
})
