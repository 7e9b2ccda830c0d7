// Size check: `createConnectionEngine` bundled + minified (esbuild) + gzipped, printed in bytes.
// Anchors: phoenix (heartbeat + lifecycle) 7,799 B; partysocket (neither) 2,895–4,216 B.
// Issue #2 asks for ≤ 5,000 B. The engine is not there (docs/decisions.md, D29: with every string
// removed its code alone is about 5,600 B), so the check fails above BUDGET, a little over today's
// size, to stop regressions, and prints the distance to the target. `scripts/size-breakdown.mjs`
// shows where the bytes are.
import { fileURLToPath } from 'node:url'
import { enforceBudget, measureBundle } from '../../../scripts/bundle-size.mjs'

const BUDGET = 7_000
const TARGET = 5_000
const resolveDir = fileURLToPath(new URL('..', import.meta.url))
const engine = await measureBundle({
  contents: "export { createConnectionEngine } from './dist/index.js'",
  resolveDir,
})
const facade = await measureBundle({ contents: "export { CometChat } from './dist/index.js'", resolveDir })
const distance = engine.gzip <= TARGET ? 'met' : `${engine.gzip - TARGET} B over`
console.log(`core size: CometChat facade ${facade.min} B minified, ${facade.gzip} B min+gzip`)
enforceBudget('core size: createConnectionEngine', engine, BUDGET, `target ${TARGET} B: ${distance}`)
