// (e) Memory: heap and RSS per connected client, N clients in this one process, after forced GC
// (the process runs with --expose-gc). The baseline is taken in the same process after the library
// and Node's fetch were loaded (one request to the server), before any client exists.
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
  const clients = await connectMany(open, server.port, params.clients, () => ({}))
  // Idle first: handshake buffers freed, HTTP keep-alive connections of the logins timed out (4 s).
  await sleep(params.settleMs)
  const after = await collect()
  const n = params.clients
  const result = {
    clients: n,
    baselineHeapBytes: before.heapUsed,
    heapPerClientBytes: Math.round((after.heapUsed - before.heapUsed) / n),
    rssPerClientBytes: Math.round((after.rss - before.rss) / n),
    externalPerClientBytes: Math.round((after.external - before.external) / n),
  }
  closeAll(clients)
  return result
}
