// (d) Message path. Inbound: the server writes M pre-encoded message frames onto one client's socket
// as fast as TCP takes them (after a warm-up of M/10); the rate is messages per second reaching the
// app callback, from the first to the last. Outbound: the cost of the library's send call, timed in batches of 1,000 (the event loop
// runs between batches, untimed, so the socket drains), after an untimed warm-up of a tenth as many.
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
  // Counted now: the engine's sends below come back to it as messages.
  const receivedCount = received.count

  // Warm-up here too: a tenth as many sends first, untimed, so the timed ones see optimised code.
  const sendWarmUp = Math.max(1, Math.floor(params.sends / 10))
  await timeSends(client, 0, sendWarmUp)
  const timed = await timeSends(client, sendWarmUp, sendWarmUp + params.sends)
  client.close()
  return {
    messages: m,
    received: receivedCount,
    warmUp: warm,
    inboundPerSecond: inbound,
    sends: params.sends,
    sendWarmUp,
    sendsPerSecond: Math.round((params.sends / timed) * 1000),
  }
}

/**
 * Calls the client's send for `from` … `to - 1` in batches of 1,000, with the event loop running
 * between batches (untimed, so the socket drains); returns the milliseconds spent in the calls.
 */
async function timeSends(client, from, to) {
  let timed = 0
  for (let sent = from; sent < to; ) {
    const start = performance.now()
    for (const end = Math.min(to, sent + 1000); sent < end; sent++) client.send(sent)
    timed += performance.now() - start
    await yieldToLoop()
  }
  return timed
}
