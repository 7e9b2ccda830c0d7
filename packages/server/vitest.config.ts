import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real sockets on loopback: a few seconds is plenty; a hang must fail, not stall the run.
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Every test closes what it opens; leaked handles would keep the run from exiting, so fail loudly.
    teardownTimeout: 5_000,
  },
})
