// (c) Mass cut: N clients connected, every socket cut at once (this project's server:
// dropConnections(); the peers' servers: every TCP socket destroyed, the same thing on the wire).
// Per client: time from the cut to its first "up" after it; at the server: connection attempts per
// 100 ms from the cut until the last client is back, and the same for the TCP connections the clients'
// process opened (the attempts as the clients made them, before any queue at the server).
import { recordTcpConnects, tcpConnectsSince } from '../clients/connect-times.mjs'
import { histogram, quantiles } from '../stats.mjs'
import { connectForRecovery } from './recovery.mjs'
import { summarise } from './summarise.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runStorm(context) {
  const { server, params } = context
  recordTcpConnects()
  const recovery = await connectForRecovery(context)
  recovery.watch()
  const { cutAt } = await server.request('cut')
  const backAt = await recovery.allBack(params.capMs)
  const { times: attempts } = await server.request('attempts', { since: cutAt })
  recovery.close()
  const times = backAt.map((t) => t - cutAt)
  const lastBack = Math.max(...times, 100)
  const storm = histogram(attempts, cutAt, cutAt + lastBack, 100)
  const made = histogram(tcpConnectsSince(cutAt), cutAt, cutAt + lastBack, 100)
  return {
    clients: params.clients,
    ...summarise(times, params.clients),
    quantilesMs: quantiles(times, 1),
    attempts: storm.total,
    busiest100ms: storm.busiest,
    average100ms: Math.round(storm.average * 10) / 10,
    busiestOverAverage: Math.round(storm.ratio * 100) / 100,
    bins: storm.bins,
    clientConnects: made.total,
    clientBusiestOverAverage: Math.round(made.ratio * 100) / 100,
    clientBins: made.bins,
  }
}
