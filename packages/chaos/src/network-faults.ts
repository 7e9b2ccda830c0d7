import type { FaultProxy } from './fault-proxy.js'
import type { Random } from './random.js'
import type { Tally } from './tally.js'
import type { Timers } from './timers.js'

/** The network faults of one engine's path, with their weights. */
const FAULTS = {
  drop: 3,
  freeze: 2,
  'freeze path': 0.5,
  'dead freeze': 0.7,
  latency: 1.5,
  slicing: 1.5,
} as const

/**
 * Injects one random fault on `proxy`: cut every connection (`drop`); make them half-open for a while
 * (`freeze`), new ones included (`freeze path`), or for good (`dead freeze`: only a heartbeat or a
 * timeout ends them); or delay (`latency`) or slice (`slicing`) the traffic for a few seconds. Counted
 * in `faults` by kind; what ends a fault later is scheduled on `timers`.
 */
export function injectNetworkFault(proxy: FaultProxy, random: Random, timers: Timers, faults: Tally): void {
  const fault = random.weighted(FAULTS)
  faults.add(fault)
  switch (fault) {
    case 'drop':
      faults.add('connections cut', proxy.drop())
      return
    case 'freeze':
      proxy.freeze('temporary')
      timers.later(random.between(500, 6_000), () => proxy.thaw())
      return
    case 'freeze path':
      proxy.freeze('temporary', true)
      timers.later(random.between(500, 5_000), () => proxy.thaw())
      return
    case 'dead freeze':
      proxy.freeze('dead')
      return
    case 'latency':
      proxy.conditions.latencyMs = random.int(20, 400)
      timers.later(random.between(2_000, 8_000), () => {
        proxy.conditions.latencyMs = 0
      })
      return
    case 'slicing':
      proxy.conditions.sliceBytes = random.int(1, 16)
      timers.later(random.between(2_000, 8_000), () => {
        proxy.conditions.sliceBytes = 0
      })
      return
  }
}
