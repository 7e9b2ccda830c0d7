import type { ConnectionListener, ConnectionSnapshot, ConnectionStatus } from '@cometchat-connection/core'
import { SERVER_SNAPSHOT } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { watchStatus } from '../src/status-watch.js'
import { Violations } from '../src/violations.js'

/**
 * The three methods watchStatus uses, driven by hand: `emit` calls the listener with a status and then,
 * as the engine does, sets the snapshot and notifies subscribers, unless `snapshotLags` says the snapshot
 * stays behind (the bug the watch exists to find).
 */
function fakeEngine() {
  let snapshot: ConnectionSnapshot = SERVER_SNAPSHOT
  let listener: ConnectionListener = {}
  const subscribers = new Set<() => void>()
  const method = {
    connecting: 'inConnecting',
    connected: 'onConnected',
    disconnected: 'onDisconnected',
  } as const
  return {
    getSnapshot: () => snapshot,
    addConnectionListener(_id: string, l: ConnectionListener) {
      listener = l
      return () => {}
    },
    subscribe(cb: () => void) {
      subscribers.add(cb)
      return () => subscribers.delete(cb)
    },
    emit(status: ConnectionStatus, snapshotLags = false) {
      listener[method[status]]?.()
      if (snapshotLags) return
      snapshot = { ...snapshot, status } as ConnectionSnapshot
      for (const cb of subscribers) cb()
    },
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('watchStatus', () => {
  it('finds nothing when every event matches the snapshot', async () => {
    const engine = fakeEngine()
    const violations = new Violations(0)
    const watch = watchStatus(engine, 'u1', violations)
    engine.emit('connecting')
    engine.emit('connected')
    engine.emit('disconnected')
    await flush()
    expect(violations.total()).toBe(0)
    expect(watch.heard()).toBe('disconnected')
    expect(watch.events()).toBe(3)
  })

  it('reports a snapshot that disagrees with the last event once it has settled', async () => {
    const engine = fakeEngine()
    const violations = new Violations(0)
    watchStatus(engine, 'u1', violations)
    engine.emit('connecting', true)
    await flush()
    expect(violations.byKind()).toEqual([['snapshot vs listeners', 1]])
  })

  it('reports the same status heard twice in a row (I2)', async () => {
    const engine = fakeEngine()
    const violations = new Violations(0)
    watchStatus(engine, 'u1', violations)
    engine.emit('connecting')
    engine.emit('connecting')
    await flush()
    expect(violations.byKind()).toEqual([['status repeated', 1]])
  })
})

describe('watchStatus periods', () => {
  it('says when the engine was connected all along between two moments', () => {
    let now = 0
    const engine = fakeEngine()
    const watch = watchStatus(engine, 'u1', new Violations(0), () => now)
    now = 100
    engine.emit('connecting')
    now = 200
    engine.emit('connected')
    now = 900
    engine.emit('disconnected')
    expect(watch.connectedThrough(300, 800)).toBe(200)
    expect(watch.connectedThrough(300, 1000)).toBeNull()
    expect(watch.connectedThrough(150, 800)).toBeNull()
  })
})
