// What each scenario runs in client processes: which libraries, with which parameters and server
// options, and how long one run may take before it is killed.

/** This project's server answers sends with acks; its default 20 frames/s per socket would measure the limiter. */
const NO_RATE_LIMIT = { rateLimit: { framesPerSecond: 1_000_000, burst: 1_000_000 } }

/**
 * @param {string} scenario @param {ReturnType<typeof import('./options.mjs').parseOptions>} o
 * @param {import('../clients/library.mjs').Library[]} libraries the selected ones
 */
export function jobsOf(scenario, o, libraries) {
  const capMs = o.capS * 1000
  const reconnecting = libraries.filter((l) => l.reconnects)
  const connectMs = (n) => 30_000 + n * 30
  switch (scenario) {
    case 'half-open':
      return {
        parallel: true,
        libraries,
        params: {
          trials: o.halfOpenTrials,
          capMs: o.halfOpenCapS * 1000,
          settleMaxMs: o.halfOpenSettleS * 1000,
        },
        timeoutMs: (o.halfOpenSettleS + o.halfOpenCapS) * 1000 + 120_000,
      }
    case 'outage':
    case 'outage-large': {
      const clients = scenario === 'outage' ? o.outageClients : o.outageLargeClients
      return {
        libraries: reconnecting,
        runAs: 'outage',
        params: { clients, outageMs: o.outageMs, capMs },
        timeoutMs: connectMs(clients) + o.outageMs + capMs + 60_000,
      }
    }
    case 'storm':
      return {
        libraries: reconnecting,
        params: { clients: o.stormClients, capMs },
        timeoutMs: connectMs(o.stormClients) + capMs + 60_000,
      }
    case 'throughput':
      return {
        libraries: [
          ...libraries,
          ...(libraries.some((l) => l.id === 'ws') ? [{ id: 'ws-no-parse', server: 'ws' }] : []),
        ],
        params: { messages: o.messages, sends: o.sends, capMs: 120_000 },
        serverOptions: (library) => (library.server === 'engine' ? NO_RATE_LIMIT : {}),
        timeoutMs: 240_000,
      }
    case 'memory':
      return {
        libraries,
        params: { clients: o.memoryClients, settleMs: 6000 },
        timeoutMs: connectMs(o.memoryClients) + 60_000,
      }
    default:
      throw new Error(`no client-process jobs for ${scenario}`)
  }
}
