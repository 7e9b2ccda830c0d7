// Size budget: this adapter's own code, bundled and minified with the framework and the core external,
// then gzipped. Fails above 1,500 B so a change that drags in more code is noticed in `pnpm test`.
import { fileURLToPath } from 'node:url'
import { enforceBudget, measureBundle } from '../../../scripts/bundle-size.mjs'

const size = await measureBundle({
  contents: "export * from './src/index.ts'",
  resolveDir: fileURLToPath(new URL('..', import.meta.url)),
  external: ['vue', '@vue/*', '@cometchat-connection/core'],
})
enforceBudget('@cometchat-connection/vue', size, 1500)
