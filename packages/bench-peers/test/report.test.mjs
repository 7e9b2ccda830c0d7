import { describe, expect, it } from 'vitest'
import { renderPage } from '../src/docs/write-page.mjs'
import { cdfChart, niceStep, stormCharts } from '../src/report/svg.mjs'
import { buildTable, markdownTable, rate } from '../src/report/table.mjs'

const libraries = [
  {
    id: 'engine',
    label: 'this engine',
    pkg: '@cometchat-connection/core',
    reconnects: true,
    version: '0.1.0',
  },
  { id: 'partysocket', label: 'partysocket', pkg: 'partysocket', reconnects: true, version: '1.3.0' },
  { id: 'ws', label: 'raw ws', pkg: 'ws', reconnects: false, version: '8.23.0' },
]
const q = (from, to) => Array.from({ length: 101 }, (_, p) => Math.round(from + ((to - from) * p) / 100))
const entry = (summary, run = summary) => ({ runs: [run], errors: [], summary })

/** A result JSON as the bench writes it, with made-up numbers. */
function fixture() {
  const result = {
    startedAt: '2025-01-01T10:00:00.000Z',
    durationS: 1500,
    command: 'pnpm bench:peers',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, node: 'v20.20.2', os: 'linux' },
    load: { before: [0.5, 0.4, 0.3], duringMean: 1.8, duringMax: 2.4, after: [1.1, 1, 0.9] },
    workspace: { commit: 'abc1234', modified: false },
    settings: {
      repeats: 3,
      halfOpenTrials: 3,
      halfOpenCapS: 70,
      halfOpenSettleS: 30,
      outageClients: 200,
      outageLargeClients: 2000,
      outageMs: 10_000,
      stormClients: 2000,
      memoryClients: 2000,
      messages: 200_000,
      sends: 20_000,
    },
    libraries,
    serverVersions: { 'socket.io': '4.8.4', ws: '8.23.0', esbuild: '0.28.2' },
    notes: ['partysocket has no jitter'],
    scenarios: {
      'half-open': {
        libraries: {
          engine: entry({ medianMs: 21_900 }),
          partysocket: entry({ medianMs: null }),
          ws: entry({ medianMs: null }),
        },
      },
      outage: {
        libraries: {
          engine: entry(
            { p50Ms: 5400, p95Ms: 20_400, missing: 0, drawn: 0 },
            { quantilesMs: q(100, 25_000), stopNote: 'close(): 1001' },
          ),
          partysocket: entry(
            { p50Ms: 2100, p95Ms: 2200, missing: 3, drawn: 0 },
            { quantilesMs: q(2000, 2300), stopNote: '1001' },
          ),
        },
      },
      storm: {
        libraries: {
          engine: entry(
            {
              p50Ms: 1000,
              p99Ms: 1200,
              busiest100ms: 450,
              busiestOverAverage: 4.1,
              clientBusiestOverAverage: 2.25,
              missing: 0,
              drawn: 0,
            },
            { quantilesMs: q(10, 1300), bins: [100, 450, 300] },
          ),
          partysocket: entry(
            { p50Ms: 3400, p99Ms: 3500, busiest100ms: 2000, busiestOverAverage: 35, missing: 0, drawn: 0 },
            { quantilesMs: q(3000, 3500), bins: [0, 0, 2000] },
          ),
        },
      },
      throughput: {
        libraries: {
          engine: entry({ inboundPerSecond: 112_000, sendsPerSecond: 50_000 }),
          partysocket: entry({ inboundPerSecond: 300_000, sendsPerSecond: 90_000 }),
          ws: entry({ inboundPerSecond: 332_000, sendsPerSecond: 100_000 }),
          'ws-no-parse': entry({ inboundPerSecond: 1_900_000, sendsPerSecond: 100_000 }),
        },
      },
      memory: {
        libraries: {
          engine: entry({
            heapPerClientBytes: 6_900,
            rssPerClientBytes: 30_000,
            heapPerClientWithOneTimeBytes: 14_643,
          }),
          ws: entry({ heapPerClientBytes: 3482, rssPerClientBytes: 9000 }),
        },
      },
      bundle: {
        libraries: {
          engine: entry({ gzipBytes: 6874 }),
          partysocket: entry({ gzipBytes: 2730 }),
          ws: entry({ gzipBytes: 0 }),
        },
      },
    },
  }
  result.scenarios.storm.load = { duringMean: 1.9, duringMax: 2.2 }
  result.scenarios.storm.seconds = 171
  return { ...result, table: buildTable(result) }
}

describe('the table', () => {
  const { columns, rows } = fixture().table
  const cell = (prefix, id) =>
    rows.find((r) => r[0].startsWith(prefix))[1 + libraries.findIndex((l) => l.id === id)]

  it('has a column per library with its version, and a row per measure', () => {
    expect(columns).toEqual(['measure', 'this engine 0.1.0', 'partysocket 1.3.0', 'raw `ws`'])
    expect(rows).toHaveLength(11)
  })

  it('formats each measure', () => {
    expect(cell('half-open', 'engine')).toBe('21.9 s')
    expect(cell('half-open', 'partysocket')).toBe('never')
    expect(cell('back after a 10 s', 'engine')).toBe('5.40 s / 20.4 s')
    expect(cell('back after a 10 s', 'partysocket')).toBe('3 never back')
    expect(cell('back after a 10 s', 'ws')).toBe('— (no reconnection)')
    expect(cell('2,000 clients back', 'engine')).toBe('1.00 s / 1.20 s')
    expect(cell('busiest 100 ms', 'partysocket')).toBe('2,000 (35.00×)')
    expect(cell('the same, as the clients', 'engine')).toBe('2.25×')
    expect(cell('the same, as the clients', 'partysocket')).toBe('—') // not measured in that run
    expect(cell('inbound', 'engine')).toBe('112,000 (0.34×)')
    expect(cell('inbound', 'ws')).toBe('332,000 with JSON.parse; 1.9 M without')
    expect(cell('heap per connected client (the last 1,000 of 2,000', 'engine')).toBe('6.7 KiB')
    expect(cell("heap per client with the process's one-time costs (all 2,000)", 'engine')).toBe('14.3 KiB')
    expect(cell("heap per client with the process's one-time costs", 'partysocket')).toBe('—') // not measured
    expect(cell('RSS per client (all 2,000)', 'engine')).toBe('29.3 KiB')
    expect(cell('bundle', 'engine')).toBe('6,874 B')
    expect(cell('bundle', 'ws')).toBe('0 B (built-in WebSocket)')
  })

  it('rates keep three significant digits', () => {
    expect(rate(112_345)).toBe('112,000')
    expect(rate(1_934_000)).toBe('1.9 M')
    expect(rate(987)).toBe('987')
  })

  it('renders as Markdown', () => {
    const md = markdownTable({ columns: ['a', 'b'], rows: [['1', '2']] })
    expect(md).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |')
  })
})

describe('the charts and the docs page', () => {
  it('niceStep picks 1, 2 or 5 × 10^n', () => {
    expect(niceStep(25)).toBe(5)
    expect(niceStep(3)).toBe(0.5)
    expect(niceStep(1000, 3)).toBe(500)
  })

  it('a distribution chart draws one line of 101 points per library, in JSX attribute names', () => {
    const svg = cdfChart({
      title: 't',
      xLabel: 's',
      series: [
        { id: 'engine', label: 'this engine', quantilesMs: q(0, 4000) },
        { id: 'ws', label: 'x', quantilesMs: [] },
      ],
    })
    const lines = svg.match(/<polyline points="([^"]+)"/g)
    expect(lines).toHaveLength(1)
    expect(lines[0].split(' ').length).toBe(101 + 1)
    expect(svg).toContain('strokeWidth="2"')
    expect(svg).not.toMatch(/stroke-width|text-anchor|font-size/)
  })

  it('storm charts: one chart per library, one bar per non-empty 100 ms', () => {
    const svg = stormCharts({
      title: 'attempts',
      series: [
        { id: 'engine', label: 'e', bins: [3, 0, 5] },
        { id: 'partysocket', label: 'p', bins: [0, 0, 9] },
      ],
    })
    expect(svg.match(/<svg /g)).toHaveLength(2)
    expect(svg.match(/<rect /g)).toHaveLength(3)
  })

  it('the page has the table, the charts, the machine, the versions and how to reproduce', () => {
    const page = renderPage(fixture())
    expect(page.startsWith('---\ntitle: Benchmarks\n')).toBe(true)
    expect(page).toContain(markdownTable(fixture().table).split('\n')[0])
    expect(page).toContain('| half-open link found')
    expect(page.match(/<svg /g)).toHaveLength(2 + 2)
    expect(page).toContain('Test CPU, 2 cores')
    expect(page).toContain('partysocket 1.3.0')
    expect(page).toContain('pnpm bench:peers')
    expect(page).toContain('0.5 before the run, 1.8 on average during it')
    expect(page).toContain('during each scenario: storm 1.9 (max 2.2, 171 s)')
  })

  it('escapes what MDX would read as code in table cells and notes', () => {
    const result = fixture()
    result.notes = ['a {b} <c>']
    const page = renderPage(result)
    expect(page).toContain('a &#123;b&#125; &#60;c&#62;')
  })
})
