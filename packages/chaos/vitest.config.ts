import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real sockets on loopback answer in milliseconds; a hang must fail, not stall the run. The short
    // chaos run sets its own, longer timeout.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
})
