// The docs build must never be poisoned by an earlier failed one (the bundler's persistent cache kept
// "Can't resolve '@cometchat-connection/playground'" after the playground was built). The real
// bundler takes ~20 s per build, so these tests drive build-site.mjs with stand-in commands: a
// failing build that leaves a cache behind, a good one, and a missing playground. The real sequence
// (docs before playground, then both) is what `pnpm --filter @cometchat-connection/docs... build` runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUNDLED_PACKAGES, buildSite, missingPackages } from '../scripts/build-site.mjs'

const scratch: string[] = []
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function cacheWithEntry(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-cache-'))
  scratch.push(dir)
  const cache = join(dir, 'rspack')
  mkdirSync(cache)
  writeFileSync(join(cache, 'missing-module.pack'), "Can't resolve '@cometchat-connection/playground'")
  return cache
}
/** A stand-in for `docusaurus build` that exits with `code`. */
const exiting = (code: number) => [process.execPath, '-e', `process.exit(${code})`]
const quiet = { prepare: async () => {}, missing: null, log: () => {} }

describe('the docs build (scripts/build-site.mjs)', () => {
  it('a failed build removes the persistent cache, so the next build starts clean', async () => {
    const cacheDir = cacheWithEntry()
    const logs: string[] = []
    expect(
      await buildSite({ ...quiet, command: exiting(1), cacheDir, log: (l: string) => logs.push(l) }),
    ).toBe(1)
    expect(existsSync(cacheDir)).toBe(false)
    expect(logs.join('\n')).toContain("removed the bundler's persistent cache")
  })

  it('a build stopped by a signal counts as failed and removes the cache too', async () => {
    const cacheDir = cacheWithEntry()
    const killed = [process.execPath, '-e', "process.kill(process.pid, 'SIGKILL')"]
    expect(await buildSite({ ...quiet, command: killed, cacheDir })).toBe(1)
    expect(existsSync(cacheDir)).toBe(false)
  })

  it('a good build keeps the cache (it makes the next build faster)', async () => {
    const cacheDir = cacheWithEntry()
    expect(await buildSite({ ...quiet, command: exiting(0), cacheDir })).toBe(0)
    expect(existsSync(join(cacheDir, 'missing-module.pack'))).toBe(true)
  })

  it('fails fast, before the bundler runs or touches its cache, when the playground is not built', async () => {
    const cacheDir = cacheWithEntry()
    const logs: string[] = []
    let prepared = false
    const missing = missingPackages(BUNDLED_PACKAGES, () => mkdtempSync(join(tmpdir(), 'unbuilt-')))
    const code = await buildSite({
      prepare: async () => {
        prepared = true
      },
      command: exiting(0),
      cacheDir,
      missing,
      log: (l: string) => logs.push(l),
    })
    expect(code).toBe(1)
    expect(prepared).toBe(false)
    expect(existsSync(join(cacheDir, 'missing-module.pack'))).toBe(true)
    expect(logs.join('\n')).toContain('@cometchat-connection/playground is not built yet')
    expect(logs.join('\n')).toContain('pnpm --filter @cometchat-connection/docs... build')
  })

  it('finds this workspace’s playground build', () => {
    // The docs e2e and build tasks depend on it, so here it is built.
    expect(missingPackages()).toBeNull()
  })
})
