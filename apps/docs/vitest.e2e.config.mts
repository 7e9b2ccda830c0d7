import { SummaryReporter } from '@cometchat-connection/test-kit/reporter'
import { defineConfig } from 'vitest/config'

// The browser tests: the built site (build/) in real headless Chromium. `pnpm build` first (turbo's
// test:e2e task depends on build).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', new SummaryReporter()],
  },
})
