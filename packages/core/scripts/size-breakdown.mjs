// Where the bytes of `createConnectionEngine`'s bundle come from: minified bytes per module (esbuild's
// metafile), then the whole bundle minified and gzipped, as the size check measures it. A tool for size
// work, not a check. `node scripts/size-breakdown.mjs out.js` also writes the bundle, to read it.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { bundleMinified } from '../../../scripts/bundle-size.mjs'

const { code, metafile } = await bundleMinified({
  contents: "export { createConnectionEngine } from './dist/index.js'",
  resolveDir: fileURLToPath(new URL('..', import.meta.url)),
})
const inputs = Object.values(metafile.outputs)[0].inputs
const rows = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
for (const [file, { bytesInOutput }] of rows)
  if (bytesInOutput) console.log(String(bytesInOutput).padStart(6), file)
if (process.argv[2]) writeFileSync(process.argv[2], code)
console.log(`total ${code.length} B minified, ${gzipSync(code, { level: 9 }).length} B min+gzip`)
