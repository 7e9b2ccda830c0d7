// Size budget: this adapter's own code, bundled and minified with the framework and the core external,
// then gzipped. Fails above the budget so a change that drags in more code is noticed in `pnpm test`.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const BUDGET = 1000
const result = await build({
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'error',
  external: ['react', 'react-dom', 'react/*', '@cometchat-connection/core'],
})
const code = result.outputFiles[0].contents
const gzipped = gzipSync(code, { level: 9 }).length
console.log(
  `@cometchat-connection/react: ${code.length} B minified, ${gzipped} B gzipped (budget ${BUDGET} B)`,
)
if (gzipped > BUDGET) {
  console.error(`size budget exceeded by ${gzipped - BUDGET} B`)
  process.exit(1)
}
