// Prints the gzip size of the standalone app's JavaScript (what a visitor downloads).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = new URL('../dist/app/assets/', import.meta.url).pathname
const files = readdirSync(dir).filter((f) => f.endsWith('.js'))
let raw = 0
let gz = 0
for (const f of files) {
  const body = readFileSync(join(dir, f))
  raw += body.length
  gz += gzipSync(body, { level: 9 }).length
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`
console.log(`[playground] bundle: ${files.length} JS file(s), ${kb(raw)} raw, ${kb(gz)} gzip`)
