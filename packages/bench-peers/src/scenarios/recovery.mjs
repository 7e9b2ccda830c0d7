// What the outage and the storm share: N clients connected, then, from the moment `watch()` is
// called, each client's first "up" (as epoch ms), until every client is back or `capMs` passes.
import { closeAll, connectMany } from './connect-many.mjs'
import { countdown } from './waiting.mjs'

/**
 * @param {import('./scenario.mjs').ScenarioContext} context
 * @returns {Promise<{ watch: () => void, allBack: (capMs: number) => Promise<number[]>, close: () => void }>}
 */
export async function connectForRecovery({ open, server, params }) {
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
  return {
    watch() {
      watching = true
    },
    /** Resolves with the times of the clients that came back (missing ones left out). */
    async allBack(capMs) {
      back.arm(capMs)
      await back.reached
      return backAt.filter((t) => t !== null)
    },
    close: () => closeAll(clients),
  }
}
