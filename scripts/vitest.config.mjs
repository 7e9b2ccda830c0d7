import { defineConfig } from 'vitest/config'

// The scripts' own tests (the start and test commands' parts). Run by scripts/test.mjs.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['__tests__/**/*.test.mjs'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
})
