// The result JSON is committed, and the repository's lint (biome) checks JSON too: format it the way
// biome would, with the workspace's own biome, so a fresh result passes `pnpm test`'s lint.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const root = createRequire(new URL('../../../../package.json', import.meta.url))

/** @param {string} file @returns {boolean} whether biome formatted it */
export function formatWithBiome(file) {
  try {
    execFileSync(process.execPath, [root.resolve('@biomejs/biome/bin/biome'), 'format', '--write', file], {
      stdio: 'ignore',
    })
    return true
  } catch {
    return false
  }
}
