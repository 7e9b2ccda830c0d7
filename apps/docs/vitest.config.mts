import { defineConfig } from 'vitest/config'

// Unit tests of the site's own logic and of the docs' consistency with the code.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
