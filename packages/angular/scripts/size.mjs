// Size of the adapter's own code as an Angular app ships it: the ng-packagr FESM (partial compilation)
// run through Angular's linker (what `ng build` does to every library), minified by esbuild with
// ngDevMode=false and Angular, rxjs and the core external, then gzipped. Fails above 1,000 B.
// The unlinked FESM is printed too (its ɵɵngDeclare* calls are replaced by the linker).
// Run `pnpm build` first.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { ConsoleLogger, LogLevel, NodeJSFileSystem } from '@angular/compiler-cli'
import { createEs2015LinkerPlugin } from '@angular/compiler-cli/linker/babel'
import { transformAsync } from '@babel/core'
import { build } from 'esbuild'

const BUDGET = 1000
const entry = fileURLToPath(new URL('../dist/fesm2022/cometchat-connection-angular.mjs', import.meta.url))
const fesm = readFileSync(entry, 'utf8') // a clear ENOENT when the package was not built

const linker = createEs2015LinkerPlugin({
  linkerJitMode: false,
  fileSystem: new NodeJSFileSystem(),
  logger: new ConsoleLogger(LogLevel.warn),
})
const linked = await transformAsync(fesm, {
  filename: entry,
  plugins: [linker],
  configFile: false,
  babelrc: false,
})

async function measure(code) {
  const out = await build({
    stdin: { contents: code, loader: 'js', resolveDir: fileURLToPath(new URL('..', import.meta.url)) },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    charset: 'utf8',
    external: ['@angular/*', 'rxjs', 'rxjs/*', '@cometchat-connection/core'],
    define: { ngDevMode: 'false' },
    logLevel: 'silent',
  })
  const bytes = out.outputFiles[0].contents
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

const shipped = await measure(linked?.code ?? '')
const partial = await measure(fesm)
console.log(
  `@cometchat-connection/angular: ${shipped.gzip} B min+gzip as linked into an app (${shipped.min} B min; unlinked FESM ${partial.gzip} B), budget ${BUDGET} B`,
)
if (shipped.gzip > BUDGET) {
  console.error(`size budget exceeded: ${shipped.gzip} B > ${BUDGET} B`)
  process.exit(1)
}
