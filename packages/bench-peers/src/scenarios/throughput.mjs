// (d) Message path. Inbound: the server writes M pre-encoded message frames onto one client's socket
// as fast as TCP takes them (after a warm-up of M/10); the rate is messages per second reaching the
// app callback, from the first to the last. Outbound: the cost of the library's send call, timed in batches of 1,000 (the event loop
// runs between batches, untimed, so the socket drains).
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { wallNow } from '../clock.mjs'
import { countdown } from './waiting.mjs'

/** @param {import('./scenario.mjs').ScenarioContext} context */
export async function runThroughput({ open, server, params }) {
  const m = params.messages
  let first = 0
  let last = 0
  let received = countdown(m)
  const client = await open({
    port: server.port,
    index: 0,
    hooks: {
      message() {
        const now = wallNow()
        if (received.count === 0) first = now
        last = now
        received.tick()
      },
    },
  })
  await client.ready()
  // Warm-up: a tenth as many messages first, so the measured push sees optimised code, not the JIT.
  const warm = Math.max(1, Math.floor(m / 10))
  const warming = countdown(warm)
  received = warming
  warming.arm(params.capMs)
  await server.request('push', { count: warm, first: 0, receiver: client.uid })
  await warming.reached
  received = countdown(m)
  const pushed = server.request('push', { count: m, first: warm, receiver: client.uid })
  received.arm(params.capMs)
  await received.reached
  await pushed
  const inbound = received.timedOut ? null : Math.round(((m - 1) / (last - first)) * 1000)

  let sent = 0
  let timed = 0
  while (sent < params.sends) {
    const start = performance.now()
    for (const end = Math.min(params.sends, sent + 1000); sent < end; sent++) client.send(sent)
    timed += performance.now() - start
    await yieldToLoop()
  }
  client.close()
  return {
    messages: m,
    received: received.count,
    warmUp: warm,
    inboundPerSecond: inbound,
    sends: params.sends,
    sendsPerSecond: Math.round((params.sends / timed) * 1000),
  }
}
