// Connecting many clients of one library: in batches of 50 (each batch waits until all of its clients
// are up), so the connect phase measures neither the accept queue nor the login endpoint; then each
// is ready (upgraded where the library upgrades) and all stay idle for a second.
import { setTimeout as sleep } from 'node:timers/promises'
import { withTimeout } from './waiting.mjs'

/**
 * @param {import('../clients/library.mjs').Open} open @param {number} port @param {number} count
 * @param {(i: number) => import('../clients/link-state.mjs').LinkHooks} hooksFor
 * @returns {Promise<import('../clients/library.mjs').Client[]>}
 */
export async function connectMany(open, port, count, hooksFor) {
  const clients = []
  for (let first = 0; first < count; first += 50) {
    const batch = []
    for (let i = first; i < Math.min(count, first + 50); i++)
      batch.push(open({ port, index: i, hooks: hooksFor(i) }))
    clients.push(
      ...(await withTimeout(Promise.all(batch), 30_000, `connecting clients ${first}-${first + 49}`)),
    )
  }
  // Steady state before anything is measured: socket.io's clients have left long-polling for WebSocket.
  await withTimeout(Promise.all(clients.map((c) => c.ready())), 30_000, 'clients ready')
  await sleep(1000)
  return clients
}

/** Closes every client; a library that throws on close does not stop the others. */
export function closeAll(clients) {
  for (const client of clients) {
    try {
      client.close()
    } catch {
      // closing is best effort at the end of a scenario
    }
  }
}
