// One way to measure a package's bundle for the size checks (core and the adapters): bundled and
// minified by esbuild as an app's bundler would, then gzipped (level 9).
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * @param {{ contents: string, resolveDir: string, external?: string[], define?: Record<string, string> }} input
 *   the entry module's source (`export … from '…'`), where its imports resolve, what stays out of the bundle
 * @returns {Promise<{ min: number, gzip: number }>} bytes minified, and minified + gzipped
 */
export async function measureBundle({ contents, resolveDir, external = [], define }) {
  const { code } = await bundleMinified({ contents, resolveDir, external, define })
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

/**
 * The bundle the size checks measure, before gzip: the minified code, and esbuild's metafile (which
 * modules the bytes come from).
 * @param {{ contents: string, resolveDir: string, external?: string[], define?: Record<string, string> }} input
 * @returns {Promise<{ code: Uint8Array, metafile: import('esbuild').Metafile }>}
 */
export async function bundleMinified({ contents, resolveDir, external = [], define }) {
  const out = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'error',
    external,
    define,
  })
  return { code: out.outputFiles[0].contents, metafile: out.metafile }
}

/** Prints `label: … B` and exits 1 when the gzipped size is over `budget`. */
export function enforceBudget(label, { min, gzip }, budget, note = '') {
  console.log(
    `${label}: ${min} B minified, ${gzip} B min+gzip (budget ${budget} B${note ? `; ${note}` : ''})`,
  )
  if (gzip > budget) {
    console.error(`${label}: over budget by ${gzip - budget} B`)
    process.exit(1)
  }
}
