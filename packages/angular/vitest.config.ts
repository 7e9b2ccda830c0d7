import { defineConfig } from 'vitest/config'

// Two projects: the default one runs zoneless (TestBed's default in Angular 21); the `zone` one loads
// zone.js before Angular for the tests that check zone behaviour (files named *.zone.test.ts).
export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      // Today's levels (issue #15), so coverage cannot drop silently; raise them as tests grow.
      thresholds: { statements: 100, branches: 100, functions: 100, lines: 100 },
    },
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'zoneless',
          environment: 'happy-dom',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.zone.test.ts'],
          setupFiles: ['test/support/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'zone',
          environment: 'happy-dom',
          include: ['test/**/*.zone.test.ts'],
          setupFiles: ['zone.js', 'test/support/setup.ts'],
        },
      },
    ],
  },
})
