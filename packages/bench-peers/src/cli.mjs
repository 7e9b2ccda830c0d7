// pnpm bench:peers: runs the scenarios against this engine and its peers, prints the table, writes the
// JSON and (from a full run) the docs page. Flags: see run/options.mjs or --help.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LIBRARIES } from './clients/library.mjs'
import { writeDocsPage } from './docs/write-page.mjs'
import { NOTES } from './report/notes.mjs'
import { buildTable, markdownTable } from './report/table.mjs'
import { aggregate } from './run/aggregate.mjs'
import { formatWithBiome } from './run/format-json.mjs'
import { jobsOf } from './run/jobs.mjs'
import { describeMachine, loadSampler } from './run/machine.mjs'
import { parseOptions } from './run/options.mjs'
import { runClientProcess } from './run/run-client-process.mjs'
import { installedVersion, workspaceCommit } from './run/versions.mjs'
import { runBundle } from './scenarios/bundle.mjs'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const o = parseOptions(
  process.argv.slice(2),
  LIBRARIES.map((l) => l.id),
)
const libraries = LIBRARIES.filter((l) => o.libs.includes(l.id))
const log = (line) => console.log(`[bench] ${line}`)

const machine = describeMachine()
const workspace = workspaceCommit()
log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; scenarios: ${o.scenarios.join(', ')}`)
log(`engine + server from commit ${workspace.commit}${workspace.modified ? ' with uncommitted changes' : ''}`)
if (machine.cores < 2) log('fewer than 2 cores: clients and servers will share one; numbers will suffer')

const startedAt = new Date()
const overall = loadSampler()
/** @type {Record<string, object>} */
const scenarios = {}

/** Runs one job in a client process; a failure is recorded, and the bench goes on. */
async function runOne(scenario, runAs, library, job) {
  const serverOptions = job.serverOptions?.(library) ?? {}
  try {
    const result = await runClientProcess(
      { scenario: runAs, library: library.id, params: job.params, serverOptions },
      job.timeoutMs,
    )
    return { ok: true, result }
  } catch (error) {
    log(`${scenario} / ${library.id}: FAILED: ${String(error.message).split('\n')[0]}`)
    return { ok: false, error: String(error.message) }
  }
}

for (const scenario of o.scenarios) {
  const sampler = loadSampler()
  const began = Date.now()
  /** @type {Record<string, { runs: object[], errors: string[], summary?: object }>} */
  const perLibrary = {}
  if (scenario === 'bundle') {
    const sizes = await runBundle(libraries.map((l) => l.id))
    for (const [id, size] of Object.entries(sizes))
      perLibrary[id] = { runs: [size], errors: [], summary: size }
  } else {
    const job = jobsOf(scenario, o, libraries)
    const runAs = job.runAs ?? scenario
    for (const l of job.libraries) perLibrary[l.id] = { runs: [], errors: [] }
    if (job.parallel) {
      log(
        `${scenario}: ${job.libraries.length} libraries at once (idle clients; up to ${Math.round(job.timeoutMs / 1000)} s)`,
      )
      const answers = await Promise.all(job.libraries.map((l) => runOne(scenario, runAs, l, job)))
      job.libraries.forEach((l, i) => {
        const a = answers[i]
        if (a.ok) {
          perLibrary[l.id].runs.push(a.result)
          perLibrary[l.id].summary = { medianMs: a.result.medianMs }
        } else perLibrary[l.id].errors.push(a.error)
      })
    } else {
      // Repeats outermost, so a slow stretch of the machine touches every library alike.
      for (let repeat = 1; repeat <= o.repeats; repeat++) {
        for (const l of job.libraries) {
          const a = await runOne(scenario, runAs, l, job)
          if (a.ok) {
            perLibrary[l.id].runs.push(a.result)
            log(`${scenario} ${repeat}/${o.repeats} ${l.id}: ${brief(a.result)}`)
          } else perLibrary[l.id].errors.push(a.error)
        }
      }
      for (const entry of Object.values(perLibrary)) entry.summary = aggregate(scenario, entry.runs)
    }
  }
  scenarios[scenario] = {
    params: scenario === 'bundle' ? {} : jobsOf(scenario, o, libraries).params,
    load: sampler.stop(),
    seconds: Math.round((Date.now() - began) / 1000),
    libraries: perLibrary,
  }
  log(
    `${scenario} done in ${scenarios[scenario].seconds} s (load ${JSON.stringify(scenarios[scenario].load)})`,
  )
}

/** One line per run for the log. */
function brief(r) {
  const keys = [
    'p50Ms',
    'p95Ms',
    'p99Ms',
    'missing',
    'busiest100ms',
    'busiestOverAverage',
    'clientBusiestOverAverage',
    'inboundPerSecond',
    'sendsPerSecond',
    'heapPerClientBytes',
    'rssPerClientBytes',
    'heapPerClientWithOneTimeBytes',
  ]
  return keys
    .filter((k) => k in r)
    .map((k) => `${k}=${r[k]}`)
    .join(' ')
}

const result = {
  schema: 1,
  startedAt: startedAt.toISOString(),
  durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
  command: `pnpm bench:peers ${process.argv.slice(2).join(' ')}`.trim(),
  machine,
  load: overall.stop(),
  workspace,
  settings: { ...o, out: undefined, docs: undefined },
  libraries: libraries.map((l) => ({
    id: l.id,
    label: l.label,
    pkg: l.pkg,
    reconnects: l.reconnects,
    version: installedVersion(l.pkg),
  })),
  serverVersions: {
    'socket.io': installedVersion('socket.io'),
    ws: installedVersion('ws'),
    esbuild: installedVersion('esbuild'),
  },
  stopNotes: Object.fromEntries(
    Object.entries(scenarios.outage?.libraries ?? {})
      .map(([id, entry]) => [id, entry.runs[0]?.stopNote])
      .filter(([, note]) => note),
  ),
  notes: NOTES,
  scenarios,
}
result.table = buildTable(result)

console.log(`\n${markdownTable(result.table)}\n`)
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`,
)
console.log(
  `load average (1 min): before ${result.load.before[0]}, during ${result.load.duringMean} (max ${result.load.duringMax}), after ${result.load.after[0]}`,
)
console.log(
  `versions: ${result.libraries.map((l) => `${l.pkg} ${l.version}`).join(', ')}; servers: socket.io ${result.serverVersions['socket.io']}, ws ${result.serverVersions.ws}`,
)
console.log(
  `engine and server built from ${workspace.commit}${workspace.modified ? ' (with uncommitted changes)' : ''}`,
)
for (const note of NOTES) console.log(`note: ${note}`)

const out = resolve(packageDir, o.out)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
log(`wrote ${out}${formatWithBiome(out) ? '' : ' (not formatted: biome not found)'}`)
if (o.full && o.docs) log(`wrote ${writeDocsPage(result)}`)
