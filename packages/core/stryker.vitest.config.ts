import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config'

// The unit tests as Stryker runs them. Left out: tests that measure the bundle (instrumented code is
// larger by design) and the test-kit's fake engine, which imports nothing of what is mutated.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'src/**/*-size.test.ts', 'src/testing/**'],
    },
  }),
)
