import { defineConfig } from 'vitest/config'

// The measurements (`pnpm bench`): Chromium pages against the real server; they print numbers.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 30_000,
  },
})
