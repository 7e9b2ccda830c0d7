// The "Stall link (half-open)" control and the heartbeat timings, against the in-page server.
import type { InMemoryTransport } from '@cometchat-connection/server/protocol'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlaygroundController, type PlaygroundController } from '../controller.js'

// Pass-through: the controller gets the real in-memory transport; the test keeps a handle on it.
const transports = vi.hoisted(() => [] as InMemoryTransport[])
vi.mock('@cometchat-connection/server/protocol', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@cometchat-connection/server/protocol')>()
  return {
    ...actual,
    createInMemoryTransport: (...args: Parameters<typeof actual.createInMemoryTransport>) => {
      const transport = actual.createInMemoryTransport(...args)
      transports.push(transport)
      return transport
    },
  }
})

let c: PlaygroundController
const until = (check: () => void, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 10 })
const status = () => c.getState().snapshot.status
/** Oldest first (the state keeps the timeline newest first). */
const entries = () =>
  c
    .getState()
    .timeline.map((e) => `${e.kind}:${e.text}`)
    .reverse()

function start(options: Parameters<typeof createPlaygroundController>[0] = {}) {
  c = createPlaygroundController({ latencyMs: 0, ...options })
  c.start()
  return transports.at(-1)!
}

afterEach(() => c?.dispose())

describe('playground controller: stalled link and heartbeat', () => {
  it('the stall switch stalls the transport and is logged; the heartbeat drops the main engine; unstalling reconnects', async () => {
    const transport = start()
    // The settings form's path: short heartbeat, applied by re-creating the main engine.
    c.setTimings({ heartbeatIntervalMs: 200, pongTimeoutMs: 200 })
    expect(c.getState().engineGeneration).toBe(2)
    await c.login()
    await until(() => expect(status()).toBe('connected'))

    c.setLinkStalled(true)
    expect(transport.isStalled()).toBe(true)
    expect(c.getState().linkStalled).toBe(true)
    const stalledAt = entries().length
    expect(entries().at(-1)).toBe(
      'server:server: link stalled (half-open): nothing crosses it and nothing closes; the heartbeat finds it within 200 + 200 ms of silence',
    )

    await until(() => expect(c.getState().lastError?.message).toMatch(/heartbeat: no pong/))
    expect(c.getState().lastError).toMatchObject({ code: 'ERR_WEBSOCKET_ERROR', source: 'onConnectionError' })
    const during = entries().slice(stalledAt)
    const error = during.findIndex((e) => e.startsWith('error:onConnectionError → ERR_WEBSOCKET_ERROR'))
    expect(during[error]).toMatch(/heartbeat: no pong/)
    expect(during[error + 1]).toBe('status:disconnected')
    expect(status()).not.toBe('connected')

    c.setLinkStalled(false)
    expect(transport.isStalled()).toBe(false)
    expect(c.getState().linkStalled).toBe(false)
    expect(entries().at(-1)).toBe('server:server: link restored: held frames delivered in order')
    // Nothing reconnected while the link was stalled: the next `connected` comes after the restore.
    expect(entries().slice(stalledAt)).not.toContain('status:connected')
    await until(() => expect(status()).toBe('connected'))
  })

  it('the heartbeat options reach both engines (the second user finds the stall too)', async () => {
    start({ heartbeatIntervalMs: 200, pongTimeoutMs: 200 })
    expect(c.getState()).toMatchObject({ heartbeatIntervalMs: 200, pongTimeoutMs: 200 })
    await until(() => expect(c.getState().peerSnapshot.status).toBe('connected'))
    c.setLinkStalled(true)
    await until(() =>
      expect(entries()).toContainEqual(
        expect.stringMatching(/^error:bob: onConnectionError → ERR_WEBSOCKET_ERROR: .*heartbeat: no pong/),
      ),
    )
    c.setLinkStalled(false)
    await until(() => expect(c.getState().peerSnapshot.status).toBe('connected'))
  })

  it('timings: playground defaults 5000 + 3000 ms; setTimings re-creates the main engine once; a bad value changes nothing', () => {
    start()
    expect(c.getState()).toMatchObject({ heartbeatIntervalMs: 5_000, pongTimeoutMs: 3_000 })
    expect(() => c.setTimings({ heartbeatIntervalMs: 1_000, pongTimeoutMs: 50 })).toThrow(
      /pong timeout must be at least 100 ms/,
    )
    expect(() => c.setTimings({ heartbeatIntervalMs: Number.NaN })).toThrow(RangeError)
    expect(c.getState()).toMatchObject({
      heartbeatIntervalMs: 5_000,
      pongTimeoutMs: 3_000,
      engineGeneration: 1,
    })

    c.setTimings({ backgroundTimeoutMs: 30_000, heartbeatIntervalMs: 1_000, pongTimeoutMs: 500 })
    expect(c.getState()).toMatchObject({
      heartbeatIntervalMs: 1_000,
      pongTimeoutMs: 500,
      engineGeneration: 2,
    })
    expect(entries().at(-1)).toBe(
      'environment:engine re-created (settings): auto mode, background timeout 30000 ms, heartbeat 1000 ms + pong timeout 500 ms',
    )
    c.setTimings({ heartbeatIntervalMs: 1_000, pongTimeoutMs: 500 })
    expect(c.getState().engineGeneration).toBe(2)
  })

  it('rejects timing options under 100 ms when constructed', () => {
    expect(() => createPlaygroundController({ heartbeatIntervalMs: 99 })).toThrow(
      /heartbeat interval must be at least 100 ms/,
    )
    expect(() => createPlaygroundController({ pongTimeoutMs: 0 })).toThrow(RangeError)
    expect(() => createPlaygroundController({ backgroundTimeoutMs: 50 })).toThrow(
      /background timeout must be at least 100 ms/,
    )
  })

  it('a real server has no stall control: the call does nothing', () => {
    c = createPlaygroundController({ serverUrl: 'http://127.0.0.1:9' })
    c.setLinkStalled(true)
    expect(c.getState().linkStalled).toBe(false)
    expect(c.getState().timeline).toEqual([])
  })
})
