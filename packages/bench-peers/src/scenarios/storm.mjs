// (c) Mass cut: N clients connected, every socket cut at once (this project's server:
// dropConnections(); the peers' servers: every TCP socket destroyed, the same thing on the wire).
// Per client: time from the cut to its first "up" after it; at the server: connection attempts per
// 100 ms from the cut until the last client is back.
import { histogram, quantiles } from '../stats.mjs'
import { closeAll, connectMany } from './connect-many.mjs'
import { summarise } from './summarise.mjs'
import { countdown } from './waiting.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runStorm({ open, server, params }) {
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
  const { cutAt } = await server.request('cut')
  back.arm(params.capMs)
  await back.reached
  const { times: attempts } = await server.request('attempts', { since: cutAt })
  closeAll(clients)
  const times = backAt.filter((t) => t !== null).map((t) => t - cutAt)
  const lastBack = Math.max(...times, 100)
  const storm = histogram(attempts, cutAt, cutAt + lastBack, 100)
  return {
    clients: n,
    ...summarise(times, n),
    quantilesMs: quantiles(times, 1),
    attempts: storm.total,
    busiest100ms: storm.busiest,
    average100ms: Math.round(storm.average * 10) / 10,
    busiestOverAverage: Math.round(storm.ratio * 100) / 100,
    bins: storm.bins,
  }
}
