import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script of the repo (the size checks' one way to measure), untyped
import { bundleMinified, measureBundle } from '../../../../../scripts/bundle-size.mjs'

// The shared mode is a separate entry point: an app that imports only the main entry ships none of it,
// and what the entry adds on top of the engine it runs stays within a budget.
const BUDGET = 4_400
const core = fileURLToPath(new URL('../../..', import.meta.url))
const measure = (contents: string): Promise<{ min: number; gzip: number }> =>
  measureBundle({ contents, resolveDir: core })

describe('size of the tabs entry', () => {
  it(`adds at most ${BUDGET} B (min+gzip) to createConnectionEngine, and nothing to the main entry`, async () => {
    const engine = await measure("export { createConnectionEngine } from './src/index.ts'")
    const shared = await measure("export { createSharedConnectionEngine } from './src/tabs/index.ts'")
    const added = shared.gzip - engine.gzip
    console.log(
      `tabs entry: createSharedConnectionEngine ${shared.gzip} B min+gzip = createConnectionEngine ${engine.gzip} B + ${added} B (budget ${BUDGET} B)`,
    )
    expect(added).toBeLessThanOrEqual(BUDGET)
    const main: { code: Uint8Array } = await bundleMinified({
      contents: "export * from './src/index.ts'",
      resolveDir: core,
    })
    // The error code is one of ErrorCodes (the errors page lists them all); the tabs code itself is not.
    expect(new TextDecoder().decode(main.code)).not.toMatch(
      /BroadcastChannel|navigator\.locks|createSharedConnectionEngine/,
    )
  }, 30_000)
})
