// Where the bytes of `createConnectionEngine`'s bundle come from: minified bytes per module (esbuild's
// metafile), then the whole bundle minified and gzipped. A tool for size work, not a check.
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const out = await build({
  stdin: {
    contents: "export { createConnectionEngine } from './dist/index.js'",
    resolveDir: process.cwd(),
    loader: 'js',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  charset: 'utf8',
  write: false,
  metafile: true,
  logLevel: 'error',
})
const code = out.outputFiles[0].text
const inputs = Object.values(out.metafile.outputs)[0].inputs
for (const [file, { bytesInOutput }] of Object.entries(inputs).sort(
  (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
))
  if (bytesInOutput) console.log(String(bytesInOutput).padStart(6), file)
if (process.argv[2]) writeFileSync(process.argv[2], code) // optional: keep the bundle to read it
console.log(`total ${code.length} B minified, ${gzipSync(code, { level: 9 }).length} B min+gzip`)
