// (b) Outage recovery: N clients connected; the server shuts down its own way (this project's:
// close(), 1001) and listens again on the same port `outageMs` after it stopped. Per client: the time
// from "listening again" to its first "up" after that (the engine: status `connected`).
import { quantiles } from '../stats.mjs'
import { closeAll, connectMany } from './connect-many.mjs'
import { summarise } from './summarise.mjs'
import { countdown } from './waiting.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runOutage({ open, server, params }) {
  const n = params.clients
  /** @type {(number | null)[]} */
  const backAt = new Array(n).fill(null)
  let watching = false
  const back = countdown(n)
  const clients = await connectMany(open, server.port, n, (i) => ({
    up(at) {
      if (!watching || backAt[i] !== null) return
      backAt[i] = at
      back.tick()
    },
  }))
  watching = true
  const outage = await server.request('outage', { downMs: params.outageMs })
  back.arm(params.capMs)
  await back.reached
  closeAll(clients)
  const times = backAt.filter((t) => t !== null).map((t) => Math.max(0, t - outage.backAt))
  return {
    clients: n,
    downMs: Math.round(outage.backAt - outage.stoppedAt),
    shutdownMs: Math.round(outage.stoppedAt - outage.stoppingAt),
    stopNote: server.stopNote,
    ...summarise(times, n),
    quantilesMs: quantiles(times, 1),
  }
}
