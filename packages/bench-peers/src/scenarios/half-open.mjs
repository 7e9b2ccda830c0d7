// (a) Half-open link: each trial's client connects through its own TCP proxy (test-kit's, which holds
// every byte and every close while paused), stays connected for a random settle time (so the freeze
// lands at a random point of the library's heartbeat cycle), then the proxy freezes. Measured: time
// from the freeze until the client reports the link down; "never" past the cap.
import { setTimeout as sleep } from 'node:timers/promises'
import { wallNow } from '../clock.mjs'
import { median } from '../stats.mjs'
import { withTimeout } from './waiting.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runHalfOpen({ open, server, params }) {
  const { startTcpProxy } = await import('@cometchat-connection/test-kit')
  const trial = async (index) => {
    const proxy = await startTcpProxy(server.port)
    let noticed
    const down = new Promise((resolve) => {
      noticed = resolve
    })
    const client = await open({ port: proxy.port, index, hooks: { down: (at) => noticed(at) } })
    const settleMs = Math.round(1000 + Math.random() * (params.settleMaxMs - 1000))
    await sleep(settleMs)
    proxy.pause()
    const frozenAt = wallNow()
    const downAt = await withTimeout(down, params.capMs, 'never').catch(() => null)
    client.close()
    await proxy.close()
    return { settleMs, detectedMs: downAt === null ? null : Math.round(downAt - frozenAt) }
  }
  const trials = await Promise.all(Array.from({ length: params.trials }, (_, i) => trial(i)))
  // "never" sorts last: the median is "never" when most trials never noticed.
  const ranked = trials.map((t) => t.detectedMs ?? Number.POSITIVE_INFINITY)
  const mid = median(ranked)
  return { trials, capMs: params.capMs, medianMs: Number.isFinite(mid) ? Math.round(mid) : null }
}
