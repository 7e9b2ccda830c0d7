// (f) Bundle size: each library's browser entry bundled and minified by esbuild as an app's bundler
// would (platform browser, ES2022, production), then gzipped at level 9: the same measure as the
// core's size check (scripts/bundle-size.mjs), with browser resolution so the peers get their browser
// builds. Raw ws is 0 B: a browser app uses the built-in WebSocket.
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** What an app imports from each library. */
export const BROWSER_ENTRIES = {
  engine: "export { createConnectionEngine } from '@cometchat-connection/core'",
  partysocket: "export { default } from 'partysocket/ws'",
  'reconnecting-websocket': "export { default } from 'reconnecting-websocket'",
  'socket.io-client': "export { io } from 'socket.io-client'",
  phoenix: "export { Socket } from 'phoenix'",
}

const resolveDir = fileURLToPath(new URL('..', import.meta.url))

/** @param {string} contents @returns {Promise<{ minBytes: number, gzipBytes: number }>} */
export async function measureBrowserBundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = out.outputFiles[0].contents
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length }
}

/** @param {string[]} libraryIds @returns {Promise<Record<string, { minBytes: number, gzipBytes: number }>>} */
export async function runBundle(libraryIds) {
  /** @type {Record<string, { minBytes: number, gzipBytes: number }>} */
  const sizes = {}
  for (const id of libraryIds) {
    sizes[id] = id === 'ws' ? { minBytes: 0, gzipBytes: 0 } : await measureBrowserBundle(BROWSER_ENTRIES[id])
  }
  return sizes
}
