// Size of the adapter's own code as an Angular app ships it: the ng-packagr FESM (partial compilation)
// run through Angular's linker (what `ng build` does to every library), minified by esbuild with
// ngDevMode=false and Angular, rxjs and the core external, then gzipped. Fails above 1,500 B.
// The unlinked FESM is printed too (its ɵɵngDeclare* calls are replaced by the linker).
// Run `pnpm build` first.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ConsoleLogger, LogLevel, NodeJSFileSystem } from '@angular/compiler-cli'
import { createEs2015LinkerPlugin } from '@angular/compiler-cli/linker/babel'
import { transformAsync } from '@babel/core'
import { enforceBudget, measureBundle } from '../../../scripts/bundle-size.mjs'

const BUDGET = 1500
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

const resolveDir = fileURLToPath(new URL('..', import.meta.url))
const external = ['@angular/*', 'rxjs', 'rxjs/*', '@cometchat-connection/core']
// Production Angular builds define ngDevMode=false, which drops the compiler's dev-only debug names.
const measure = (contents) =>
  measureBundle({ contents, resolveDir, external, define: { ngDevMode: 'false' } })

const shipped = await measure(linked?.code ?? '')
const partial = await measure(fesm)
enforceBudget(
  '@cometchat-connection/angular (linked into an app)',
  shipped,
  BUDGET,
  `unlinked FESM ${partial.gzip} B`,
)
