// Size check: `createConnectionEngine` bundled + minified (esbuild) + gzipped, printed in bytes.
// Anchors: phoenix (heartbeat + lifecycle) 7,799 B; partysocket (neither) 2,895–4,216 B.
// Issue #2 asks for ≤ 5,000 B. The engine is not there yet (docs/decisions.md, D29), so the check
// fails above BUDGET (below phoenix) to stop regressions, and prints the distance to the target.

import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const BUDGET = 7_500
const TARGET = 5_000
const root = fileURLToPath(new URL('..', import.meta.url))
const measure = async (contents) => {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
    treeShaking: true,
  })
  const code = out.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}
const engine = await measure("export { createConnectionEngine } from './dist/index.js'")
const facade = await measure("export { CometChat } from './dist/index.js'")
console.log(
  `core size: createConnectionEngine ${engine.min} B min, ${engine.gzip} B min+gzip (budget ${BUDGET} B; target ${TARGET} B: ${engine.gzip <= TARGET ? 'met' : `${engine.gzip - TARGET} B over`})`,
)
console.log(`core size: CometChat facade        ${facade.min} B min, ${facade.gzip} B min+gzip`)
if (engine.gzip > BUDGET) {
  console.error(`core size: over budget by ${engine.gzip - BUDGET} B`)
  process.exit(1)
}
