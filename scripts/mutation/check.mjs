#!/usr/bin/env node
// `node scripts/mutation/check.mjs packages/core`: after `stryker run`, prints each area's mutation score
// and fails when an area is under the config's break threshold, when a surviving mutant is not listed in
// the package's equivalent-mutants.md with its reason, or when that list names a mutant that no longer
// survives. Run by each package's `mutation` scripts.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compare, parseEquivalents, score, summarize } from './survivors.mjs'

const dir = resolve(process.argv[2] ?? '.')
const reportFile = join(dir, 'reports/mutation/mutation.json')
if (!existsSync(reportFile)) {
  console.error(`No mutation report at ${reportFile}: run \`pnpm mutation\` in ${dir} first.`)
  process.exit(1)
}
const config = (await import(pathToFileURL(join(dir, 'stryker.config.mjs')).href)).default
const threshold = config.thresholds?.break ?? 0
const listFile = join(dir, 'equivalent-mutants.md')
const rows = existsSync(listFile) ? parseEquivalents(readFileSync(listFile, 'utf8')) : []

const { areas, survivors } = summarize(JSON.parse(readFileSync(reportFile, 'utf8')))
const problems = []
for (const [area, counts] of [...areas].sort()) {
  const pct = score(counts)
  const total = counts.detected + counts.undetected
  console.log(
    `${area}: ${pct.toFixed(1)} % killed (${counts.detected} of ${total}; ${counts.undetected} left)`,
  )
  if (pct < threshold) problems.push(`${area} is at ${pct.toFixed(1)} %, under the ${threshold} % threshold`)
}
const { unexplained, stale, emptyReasons } = compare(survivors, rows)
for (const s of unexplained) {
  problems.push(
    `${s.key} ${s.status} (${JSON.stringify(s.replacement)}): kill it with a test, or list it with its reason`,
  )
}
for (const key of stale)
  problems.push(`${key} is listed in equivalent-mutants.md but does not survive: remove the row`)
for (const key of emptyReasons) problems.push(`${key} is listed without a reason`)
console.log(
  `${survivors.length} mutants survive; ${rows.length} listed as equivalent in equivalent-mutants.md`,
)
if (problems.length > 0) {
  console.error(problems.map((p) => `  ${p}`).join('\n'))
  process.exit(1)
}
