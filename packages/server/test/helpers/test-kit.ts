// The server's tests use the test kit from its sources. The kit depends on this package (its
// startTestServer wraps startServer), so this package cannot list the kit as a dependency without a
// cycle that pnpm and turbo both refuse.
export * from '../../../test-kit/src/index.js'
