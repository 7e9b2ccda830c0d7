// What a mutation report says, checked against the package's list of equivalent mutants (issue #15).
// Stryker counts a mutant that no test can kill as a survivor; the list says why each such mutant behaves
// exactly like the original. A survivor missing from the list is a test to write (or a row to add, with
// its reason); a row that names no survivor is stale (a test kills it now, or the code moved).

/** Statuses that count against the score (Stryker's "detected" are Killed and Timeout). */
const UNDETECTED = new Set(['Survived', 'NoCoverage'])
const DETECTED = new Set(['Killed', 'Timeout'])

/**
 * Per-area scores and the survivors of a Stryker JSON report (schema 1 or 2).
 * An area is the folder a mutated file is in (`src/machine`, `src/protocol`, `src` for the top level).
 * @param {{ files: Record<string, { mutants: Array<{ mutatorName: string, status: string, replacement?: string, location: { start: { line: number } } }> }> }} report
 */
export function summarize(report) {
  /** @type {Map<string, { detected: number, undetected: number }>} */
  const areas = new Map()
  /** @type {Array<{ key: string, file: string, line: number, mutator: string, status: string, replacement: string }>} */
  const survivors = []
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const area = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.'
    const counts = areas.get(area) ?? { detected: 0, undetected: 0 }
    areas.set(area, counts)
    for (const m of mutants) {
      if (DETECTED.has(m.status)) counts.detected++
      if (!UNDETECTED.has(m.status)) continue
      counts.undetected++
      const line = m.location.start.line
      survivors.push({
        key: mutantKey(file, line, m.mutatorName),
        file,
        line,
        mutator: m.mutatorName,
        status: m.status,
        replacement: m.replacement ?? '',
      })
    }
  }
  return { areas, survivors }
}

/**
 * The rows of an equivalent-mutants table: `| src/x.ts:12 | Mutator | replacement | reason |`.
 * @param {string} markdown
 * @returns {Array<{ key: string, reason: string }>}
 */
export function parseEquivalents(markdown) {
  const rows = []
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    // ['', 'src/x.ts:12', 'Mutator', 'replacement', 'reason', '']
    const at = /^(.+):(\d+)$/.exec(cells[1] ?? '')
    if (!at || cells.length < 6) continue
    rows.push({ key: mutantKey(at[1], Number(at[2]), cells[2]), reason: cells[4] })
  }
  return rows
}

/**
 * Survivors not explained by a row, and rows that explain no survivor (each row explains one mutant;
 * two mutants with the same file, line and mutator need two rows).
 * @param {Array<{ key: string }>} survivors
 * @param {Array<{ key: string, reason: string }>} rows
 */
export function compare(survivors, rows) {
  const listed = new Map()
  const emptyReasons = rows.filter((r) => r.reason === '').map((r) => r.key)
  for (const r of rows) listed.set(r.key, (listed.get(r.key) ?? 0) + 1)
  const unexplained = []
  for (const s of survivors) {
    const left = listed.get(s.key) ?? 0
    if (left > 0) listed.set(s.key, left - 1)
    else unexplained.push(s)
  }
  const stale = [...listed].flatMap(([key, n]) => Array.from({ length: n }, () => key))
  return { unexplained, stale, emptyReasons }
}

/** Score in percent: detected of detected + undetected (Stryker's "mutation score"). */
export const score = ({ detected, undetected }) =>
  detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected)

const mutantKey = (file, line, mutator) => `${file}:${line} ${mutator}`
