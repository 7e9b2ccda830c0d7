// The comparison table, built from a result JSON: one row per measure, one column per library. The
// console and the docs page print the same cells.

const seconds = (ms) =>
  ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
const count = (n) => Math.round(n).toLocaleString('en-US')
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const ratio = (x) => `${x.toFixed(2)}×`

/** "1.9 M", "332,000": a rate, rounded to 3 significant digits. */
export function rate(n) {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(2)} M`
  return count(Number(n.toPrecision(3)))
}

/** @param {object} result the result JSON @param {string} scenario @param {string} id */
const summaryOf = (result, scenario, id) => result.scenarios[scenario]?.libraries[id]?.summary

/**
 * @param {object} result
 * @returns {{ columns: string[], rows: string[][] }}
 */
export function buildTable(result) {
  const libs = result.libraries
  const columns = ['measure', ...libs.map((l) => (l.id === 'ws' ? 'raw `ws`' : `${l.label} ${l.version}`))]
  /** @type {string[][]} */
  const rows = []
  const row = (label, cell) => rows.push([label, ...libs.map((l) => cell(l))])
  const failed = (scenario, id) => result.scenarios[scenario]?.libraries[id]?.errors?.length > 0
  const s = result.settings

  if (result.scenarios['half-open']) {
    row(`half-open link found (median of ${s.halfOpenTrials}; "never" = over ${s.halfOpenCapS} s)`, (l) => {
      const r = summaryOf(result, 'half-open', l.id)
      if (!r) return failed('half-open', l.id) ? 'error' : '—'
      return r.medianMs === null ? 'never' : seconds(r.medianMs)
    })
  }
  for (const [scenario, clients] of [
    ['outage', s.outageClients],
    ['outage-large', s.outageLargeClients],
  ]) {
    if (!result.scenarios[scenario]) continue
    row(`back after a ${s.outageMs / 1000} s server outage, p50 / p95 (${count(clients)} clients)`, (l) => {
      if (!l.reconnects) return '— (no reconnection)'
      const r = summaryOf(result, scenario, l.id)
      if (!r) return failed(scenario, l.id) ? 'error' : '—'
      if (r.missing > 0) return `${r.missing} never back`
      return `${seconds(r.p50Ms)} / ${seconds(r.p95Ms)}`
    })
  }
  if (result.scenarios.storm) {
    row(`${count(s.stormClients)} clients back after every socket was cut, t50 / t99`, (l) => {
      if (!l.reconnects) return '— (no reconnection)'
      const r = summaryOf(result, 'storm', l.id)
      if (!r) return failed('storm', l.id) ? 'error' : '—'
      if (r.missing > 0) return `${r.missing} never back`
      return `${seconds(r.p50Ms)} / ${seconds(r.p99Ms)}`
    })
    row('busiest 100 ms of that storm: attempts (busiest ÷ average)', (l) => {
      const r = summaryOf(result, 'storm', l.id)
      if (!l.reconnects || !r || r.busiest100ms === null) return '—'
      return `${count(r.busiest100ms)} (${ratio(r.busiestOverAverage)})`
    })
    row('the same, as the clients opened TCP connections: busiest ÷ average', (l) => {
      const r = summaryOf(result, 'storm', l.id)
      if (!l.reconnects || !r || r.clientBusiestOverAverage == null) return '—'
      return ratio(r.clientBusiestOverAverage)
    })
  }
  if (result.scenarios.throughput) {
    const base = summaryOf(result, 'throughput', 'ws')?.inboundPerSecond
    const baseSends = summaryOf(result, 'throughput', 'ws')?.sendsPerSecond
    const noParse = summaryOf(result, 'throughput', 'ws-no-parse')?.inboundPerSecond
    row('inbound messages/s to the app callback (÷ raw ws + JSON.parse)', (l) => {
      const r = summaryOf(result, 'throughput', l.id)
      if (!r || r.inboundPerSecond === null) return failed('throughput', l.id) ? 'error' : '—'
      if (l.id === 'ws')
        return `${rate(r.inboundPerSecond)} with JSON.parse${noParse ? `; ${rate(noParse)} without` : ''}`
      return base
        ? `${rate(r.inboundPerSecond)} (${ratio(r.inboundPerSecond / base)})`
        : rate(r.inboundPerSecond)
    })
    row('send calls/s (÷ raw ws)', (l) => {
      const r = summaryOf(result, 'throughput', l.id)
      if (!r || r.sendsPerSecond === null) return '—'
      if (l.id === 'ws' || !baseSends) return rate(r.sendsPerSecond)
      return `${rate(r.sendsPerSecond)} (${ratio(r.sendsPerSecond / baseSends)})`
    })
  }
  if (result.scenarios.memory) {
    const clients = s.memoryClients
    const memory = (key) => (l) => {
      const r = summaryOf(result, 'memory', l.id)
      return r?.[key] == null ? (failed('memory', l.id) ? 'error' : '—') : kib(r[key])
    }
    row(
      `heap per connected client (the last ${count(clients - Math.floor(clients / 2))} of ${count(clients)} in one process, after GC)`,
      memory('heapPerClientBytes'),
    )
    row(
      `heap per client with the process's one-time costs (all ${count(clients)})`,
      memory('heapPerClientWithOneTimeBytes'),
    )
    row(`RSS per client (all ${count(clients)})`, memory('rssPerClientBytes'))
  }
  if (result.scenarios.bundle) {
    row('bundle, min+gzip (browser entry, esbuild)', (l) => {
      const r = summaryOf(result, 'bundle', l.id)
      if (!r) return '—'
      return l.id === 'ws' ? '0 B (built-in WebSocket)' : `${count(r.gzipBytes)} B`
    })
  }
  return { columns, rows }
}

/** @param {{ columns: string[], rows: string[][] }} table @returns {string} a Markdown table */
export function markdownTable({ columns, rows }) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n')
}
