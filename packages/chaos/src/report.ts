import { type ChaosOptions, replayArgs } from './options.js'
import type { ChaosReport } from './run-chaos.js'

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const codes = (map: ReadonlyMap<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')

/** The line that replays a run. */
export const replayLine = (options: ChaosOptions) => `pnpm chaos ${replayArgs(options)}`

/** The figures of a run, as printed at its end. */
export function formatReport(r: ChaosReport): string {
  const d = r.delivery
  const t = r.timing
  const lines: string[] = []
  const add = (line: string) => lines.push(line)
  add('')
  add('── chaos figures ──')
  add(
    `engines ${r.options.engines} (${r.manualEngines} manual), faults for ${s(r.phases.chaosMs)} ` +
      `(warm-up ${s(r.phases.warmUpMs)}, quiet ${s(r.phases.quietMs)}, drain ${s(r.phases.drainMs)}), seed ${r.options.seed}`,
  )
  add(
    `engine timing: connect ${t.connectTimeout} ms, heartbeat ${t.heartbeatInterval} + pong ${t.pongTimeout} ms, ` +
      `send ${t.sendTimeout} ms, http ${t.httpTimeout} ms, backoff ${t.backoff.initialMs}-${t.backoff.maxMs} ms; margin ${r.marginMs} ms + event-loop lag`,
  )
  add(`faults injected: ${r.faults.format()}`)
  add(
    `server processes: ${r.generations.length} (${r.generations
      .map((g) => g.end ?? 'running')
      .filter((e) => e !== 'SIGTERM stop' && e !== 'running')
      .join(', ')})`,
  )
  add(`app actions: ${r.actions.format()}`)
  add(
    `sockets: ${r.sockets.created} WebSockets opened by the engines (${r.sockets.proxyWebSockets} seen at the proxies, ` +
      `${r.sockets.proxyConnections} TCP connections with HTTP); most open or opening per engine: ${r.sockets.maxLiveClient} ` +
      `at the engine, ${r.sockets.maxLiveProxy} at its proxy (${r.sockets.transientOverlaps} moments with two there ` +
      `shorter than ${r.sockets.overlapGraceMs} ms: a close frame in flight)`,
  )
  add('promises (settled: resolved / rejected by code; slowest vs bound):')
  for (const p of r.promises) {
    if (p.settled === 0 && p.pending === 0) continue
    add(
      `  ${p.kind.padEnd(13)} ${String(p.settled).padStart(6)}: ${p.resolved} resolved` +
        `${p.rejected.size > 0 ? `, ${codes(p.rejected)}` : ''}; slowest ${p.slowestMs} ms (${p.slowestWho}) vs ${p.boundMs} ms` +
        `${p.pending > 0 ? `; ${p.pending} NEVER SETTLED` : ''}`,
    )
  }
  add(
    `messages: sent ${d.sent}, acknowledged ${d.acknowledged}, delivered exactly once ${d.delivered} ` +
      `(${d.replayed} in a resume's replay), duplicated ${d.duplicated}, out of order ${d.outOfOrder}, ` +
      `recovered by history after a reset ${d.recoveredByHistory}, lost with a killed server process and reset ${d.lostWithServer}, ` +
      `missing ${d.missing}`,
  )
  add(
    `  second copies stored by a restarted server (its send-id memory died with the old one): ${d.duplicatedAcrossRestart}`,
  )
  add(
    `  not acknowledged ${d.sent - d.acknowledged}: ${codes(d.rejectedByCode) || 'none'}; of them delivered anyway ` +
      `${d.unacknowledgedDelivered}, not delivered ${d.unacknowledgedMissing}`,
  )
  add(
    `  resumes ${d.resumes} (${d.resumedEvents} events replayed); continuity lost: ${codes(d.continuityLost) || 'never'}`,
  )
  add(
    `after the faults stopped: ${r.quiet.connected} of ${r.quiet.expected} engines that should be connected were ` +
      `(${r.quiet.notExpected} logged out or disconnect()ed stayed closed); all connected ` +
      `${r.quiet.allConnectedMs === null ? 'NEVER' : `${r.quiet.allConnectedMs} ms after the faults stopped`}; slowest ` +
      `${r.quiet.slowest.ms} ms${r.quiet.slowest.uid ? ` (${r.quiet.slowest.uid})` : ''} from when it should have been, bound ` +
      `${r.quiet.boundMs} ms (backoff cap ${t.backoff.maxMs} + connect timeout ${t.connectTimeout} + margin ${r.marginMs}); ` +
      `drain: ${r.drain.connected} of ${r.drain.users} connected`,
  )
  add(`event-loop lag of the engines' process: max ${r.lag.maxMs} ms, p99 ${r.lag.p99Ms} ms`)
  const errors = r.violations.byKind().filter(([kind]) => /uncaught|server/.test(kind))
  add(
    `errors: ${errors.length === 0 ? 'none (no uncaught errors or unhandled rejections in either process, no server crash)' : errors.map(([k, n]) => `${k} ${n}`).join(', ')}`,
  )
  const total = r.violations.total()
  if (total === 0) add(`violations: none (seed ${r.options.seed})`)
  else {
    add(
      `VIOLATIONS: ${total} (${r.violations
        .byKind()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    )
    for (const v of r.violations.examples()) add(`  [${s(v.at)}] ${v.kind}: ${v.message}`)
    add(`replay: ${replayLine(r.options)}`)
  }
  return lines.join('\n')
}
