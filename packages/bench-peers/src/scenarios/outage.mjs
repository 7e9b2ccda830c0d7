// (b) Outage recovery: N clients connected; the server shuts down its own way (this project's:
// close(), 1001) and listens again on the same port `outageMs` after it stopped. Per client: the time
// from "listening again" to its first "up" after that (the engine: status `connected`).
import { quantiles } from '../stats.mjs'
import { connectForRecovery } from './recovery.mjs'
import { summarise } from './summarise.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runOutage(context) {
  const { server, params } = context
  const recovery = await connectForRecovery(context)
  recovery.watch()
  const outage = await server.request('outage', { downMs: params.outageMs })
  const backAt = await recovery.allBack(params.capMs)
  recovery.close()
  const times = backAt.map((t) => Math.max(0, t - outage.backAt))
  return {
    clients: params.clients,
    downMs: Math.round(outage.backAt - outage.stoppedAt),
    shutdownMs: Math.round(outage.stoppedAt - outage.stoppingAt),
    stopNote: server.stopNote,
    ...summarise(times, params.clients),
    quantilesMs: quantiles(times, 1),
  }
}
