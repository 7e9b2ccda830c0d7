// (e) Memory: heap and RSS per connected client, N clients in this one process, after forced GC
// (the process runs with --expose-gc). Measured twice: after the first half of the clients and after
// all of them. Per client is the second half's growth divided by its clients: what one more connected
// client costs, without what the process pays once (the machine code V8 compiles while the first
// clients log in and connect, shared by all; at N clients it would be divided by N, so the figure
// would fall as N grows). The figure with those one-time costs is kept too: all N clients' growth over
// the baseline, taken after the library and Node's fetch were loaded (one request to the server),
// before any client exists.
import { setTimeout as sleep } from 'node:timers/promises'
import { closeAll, connectMany } from './connect-many.mjs'

async function collect() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.()
    await sleep(50)
  }
  return process.memoryUsage()
}

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runMemory({ open, server, params }) {
  if (typeof globalThis.gc !== 'function') throw new Error('the memory scenario needs node --expose-gc')
  await fetch(`http://127.0.0.1:${server.port}/`, { signal: AbortSignal.timeout(5000) })
    .then((r) => r.arrayBuffer())
    .catch(() => {})
  const before = await collect()
  const n = params.clients
  const half = Math.floor(n / 2)
  const clients = []
  /** Connects clients `from` … `to - 1`, lets them idle, and collects. */
  const connectUpTo = async (from, to) => {
    const openAfter = (o) => open({ ...o, index: from + o.index }) // the second half: new users
    clients.push(...(await connectMany(openAfter, server.port, to - from, () => ({}))))
    // Idle first: handshake buffers freed, HTTP keep-alive connections of the logins timed out (4 s).
    await sleep(params.settleMs)
    return collect()
  }
  const middle = await connectUpTo(0, half)
  const after = await connectUpTo(half, n)
  const per = (key, from, count) => Math.round((after[key] - from[key]) / count)
  const result = {
    clients: n,
    baselineHeapBytes: before.heapUsed,
    heapPerClientBytes: per('heapUsed', middle, n - half),
    externalPerClientBytes: per('external', middle, n - half),
    // RSS grows in the allocator's steps, not per object: half of the clients can show none or double, so
    // it is divided over all of them.
    rssPerClientBytes: per('rss', before, n),
    heapPerClientWithOneTimeBytes: per('heapUsed', before, n),
  }
  closeAll(clients)
  return result
}
