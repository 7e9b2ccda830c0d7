// Command-line flags of `pnpm bench:peers`. Unknown flags and bad values exit 2 with a message.

export const SCENARIOS = ['half-open', 'outage', 'outage-large', 'storm', 'throughput', 'memory', 'bundle']
/** Scenarios of a plain run; outage-large (2,000 clients) only with --outage-large or --only. */
const DEFAULT_SCENARIOS = SCENARIOS.filter((s) => s !== 'outage-large')

export const USAGE = `pnpm bench:peers [flags]
  --only a,b            scenarios to run (${SCENARIOS.join(', ')})
  --skip a,b            scenarios to leave out
  --libs a,b            libraries (engine, partysocket, reconnecting-websocket, socket.io-client, phoenix, ws)
  --quick               1 repeat, fewer clients and messages, no half-open unless --only names it
  --repeats N           runs of each scenario per library; the table shows medians (default 3)
  --outage-large        also the outage with 2,000 clients
  --outage-clients N    (default 200)     --outage-large-clients N (default 2000)
  --outage-ms N         how long the server stays down (default 10000)
  --storm-clients N     (default 2000)    --memory-clients N (default 2000)
  --messages N          inbound messages per run (default 200000)   --sends N (default 100000)
  --half-open-trials N  (default 3)       --half-open-cap-s N (default 70)
  --half-open-settle-s N  longest random wait before the freeze (default 30)
  --cap-s N             how long a recovery may take before clients count as missing (default 60)
  --out FILE            where the JSON goes (default results/latest.json for a full run,
                        results/partial.json otherwise); the docs page is rewritten from latest.json only
  --no-docs             do not rewrite apps/docs/docs/benchmarks.mdx`

const NUMBERS = {
  '--repeats': ['repeats', 1, 20],
  '--outage-clients': ['outageClients', 1, 5000],
  '--outage-large-clients': ['outageLargeClients', 1, 5000],
  '--outage-ms': ['outageMs', 0, 120_000],
  '--storm-clients': ['stormClients', 1, 5000],
  '--memory-clients': ['memoryClients', 1, 5000],
  '--messages': ['messages', 2, 5_000_000],
  '--sends': ['sends', 1, 1_000_000],
  '--half-open-trials': ['halfOpenTrials', 1, 20],
  '--half-open-cap-s': ['halfOpenCapS', 1, 600],
  '--half-open-settle-s': ['halfOpenSettleS', 1, 300],
  '--cap-s': ['capS', 1, 600],
}

/** @param {string} message */
function fail(message) {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

/** @param {string} value @param {string[]} allowed @param {string} flag */
function list(value, allowed, flag) {
  const items = (value ?? '').split(',').filter(Boolean)
  const unknown = items.filter((x) => !allowed.includes(x))
  if (items.length === 0 || unknown.length > 0)
    fail(`${flag} takes a comma-separated list of ${allowed.join(', ')}`)
  return items
}

/**
 * @param {string[]} argv @param {string[]} libraryIds
 */
export function parseOptions(argv, libraryIds) {
  const o = {
    scenarios: DEFAULT_SCENARIOS,
    libs: libraryIds,
    quick: false,
    explicitScenarios: false,
    repeats: 3,
    outageClients: 200,
    outageLargeClients: 2000,
    outageMs: 10_000,
    stormClients: 2000,
    memoryClients: 2000,
    messages: 200_000,
    // As many sends as it takes for a steady rate: with 20,000 the timed calls of the longer send paths
    // still ran partly unoptimised, and raw ws itself moved between 80,000 and 170,000/s from run to run.
    sends: 100_000,
    halfOpenTrials: 3,
    halfOpenCapS: 70,
    halfOpenSettleS: 30,
    capS: 60,
    out: '',
    docs: true,
  }
  const set = new Set()
  let skip = []
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${flag} needs a value`))
    if (flag === '--') continue
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else if (flag === '--only') {
      o.scenarios = list(value(), SCENARIOS, flag)
      o.explicitScenarios = true
    } else if (flag === '--skip') skip = list(value(), SCENARIOS, flag)
    else if (flag === '--libs') o.libs = list(value(), libraryIds, flag)
    else if (flag === '--quick') o.quick = true
    else if (flag === '--outage-large') o.scenarios = [...new Set([...o.scenarios, 'outage-large'])]
    else if (flag === '--out') o.out = value()
    else if (flag === '--no-docs') o.docs = false
    else if (flag in NUMBERS) {
      const [key, min, max] = NUMBERS[flag]
      const raw = value()
      const n = Number(raw)
      if (!Number.isInteger(n) || n < min || n > max)
        fail(`${flag} must be an integer in ${min}-${max}; got ${raw}`)
      o[key] = n
      set.add(key)
    } else fail(`unknown flag ${flag}`)
  }
  if (o.quick) {
    const quick = {
      repeats: 1,
      outageClients: 50,
      stormClients: 200,
      memoryClients: 200,
      messages: 20_000,
      sends: 5000,
    }
    for (const [key, n] of Object.entries(quick)) if (!set.has(key)) o[key] = n
    if (!o.explicitScenarios) o.scenarios = o.scenarios.filter((s) => s !== 'half-open')
  }
  o.scenarios = SCENARIOS.filter((s) => o.scenarios.includes(s) && !skip.includes(s))
  const full =
    !o.quick &&
    !o.explicitScenarios &&
    skip.length === 0 &&
    o.libs.length === libraryIds.length &&
    [...set].every((k) => k === 'repeats')
  o.full = full
  o.out ||= full ? 'results/latest.json' : 'results/partial.json'
  return o
}
