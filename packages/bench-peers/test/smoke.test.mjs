// A seconds-long run of two scenarios through the real machinery (client process, server child, real
// sockets on 127.0.0.1): five engines through a mass cut, and raw ws receiving pushed frames.
import { describe, expect, it } from 'vitest'
import { runClientProcess } from '../src/run/run-client-process.mjs'

describe('bench smoke', () => {
  it('five engines against the built server come back after every socket is cut; the server counts their attempts', async () => {
    const r = await runClientProcess(
      { scenario: 'storm', library: 'engine', params: { clients: 5, capMs: 20_000 } },
      60_000,
    )
    expect(r.back).toBe(5)
    expect(r.missing).toBe(0)
    expect(r.attempts).toBeGreaterThanOrEqual(5)
    expect(r.bins.reduce((a, b) => a + b, 0)).toBe(r.attempts)
    // The client process opened a TCP connection for each attempt the server saw (no HTTP in a storm).
    expect(r.clientConnects).toBe(r.attempts)
    expect(r.clientBins.reduce((a, b) => a + b, 0)).toBe(r.clientConnects)
    expect(r.quantilesMs).toHaveLength(101)
    expect(r.p50Ms).toBeLessThanOrEqual(r.p99Ms)
  })

  it('raw ws receives every pushed message, and the engine every one of its protocol frames', async () => {
    const params = { messages: 2000, sends: 100, capMs: 20_000 }
    const raw = await runClientProcess({ scenario: 'throughput', library: 'ws', params }, 60_000)
    expect(raw.received).toBe(2000)
    expect(raw.inboundPerSecond).toBeGreaterThan(0)
    const engine = await runClientProcess(
      {
        scenario: 'throughput',
        library: 'engine',
        params,
        serverOptions: { rateLimit: { framesPerSecond: 1e6, burst: 1e6 } },
      },
      60_000,
    )
    expect(engine.received).toBe(2000)
  })

  it('a failing run reports its error instead of hanging', async () => {
    await expect(
      runClientProcess({ scenario: 'no-such-scenario', library: 'ws', params: {} }, 30_000),
    ).rejects.toThrow(/unknown scenario/)
  })
})
