// Size budget: `createConnectionEngine` bundled + minified (esbuild) + gzipped must stay ≤ 5,000 B.
// Anchors: phoenix (heartbeat + lifecycle) 7,799 B; partysocket (neither) 2,895–4,216 B.

import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const BUDGET = 5_000
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
  `core size: createConnectionEngine ${engine.min} B min, ${engine.gzip} B min+gzip (budget ${BUDGET} B)`,
)
console.log(`core size: CometChat facade        ${facade.min} B min, ${facade.gzip} B min+gzip`)
if (engine.gzip > BUDGET) {
  console.error(`core size: over budget by ${engine.gzip - BUDGET} B`)
  process.exit(1)
}
