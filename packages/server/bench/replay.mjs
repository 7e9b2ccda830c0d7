// Replay benchmark: how long a resume takes to deliver what a client missed, over loopback.
//
//   pnpm --filter @cometchat-connection/server bench:replay
//   REPLAY_MESSAGES=1000 REPLAY_CHARS=10000 REPLAY_RUNS=5 pnpm --filter @cometchat-connection/server bench:replay
//
// Starts the built server in its own process. Bob connects once (learning his stream position), leaves;
// alice sends him REPLAY_MESSAGES messages of REPLAY_CHARS characters; then Bob reconnects with his
// position REPLAY_RUNS times. Each run measures the time from sending the auth frame to the last
// replayed message, and checks the replay is complete and in order. Not part of the test suite.
import { boundedInt } from '../../../scripts/bounded-int.mjs'
import { login, median, openSocket, startServerProcess } from './server-process.mjs'

const MESSAGES = boundedInt('REPLAY_MESSAGES', 1000, 1, 1000)
const CHARS = boundedInt('REPLAY_CHARS', 10_000, 1, 10_000)
const RUNS = boundedInt('REPLAY_RUNS', 5, 1, 20)
/** A failure bound for one step, not a pace. */
const STEP_DEADLINE_MS = 30_000

/** Resolves when `predicate` holds for a frame of `ws`; rejects after the step deadline. */
function frameWhere(ws, predicate, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${what} within ${STEP_DEADLINE_MS} ms`)),
      STEP_DEADLINE_MS,
    )
    const onMessage = (data) => {
      const frame = JSON.parse(String(data))
      if (!predicate(frame)) return
      clearTimeout(timer)
      ws.off('message', onMessage)
      resolve(frame)
    }
    ws.on('message', onMessage)
  })
}

async function main() {
  const server = await startServerProcess()
  try {
    const bobToken = await login(server.url, 'bob')
    const aliceToken = await login(server.url, 'alice')
    const bob = await openSocket(server.socketUrl)
    bob.send(JSON.stringify({ type: 'auth', v: 1, authToken: bobToken }))
    const { stream } = await frameWhere(bob, (f) => f.type === 'auth-ok', 'auth-ok')
    bob.close(1000)
    const alice = await openSocket(server.socketUrl)
    alice.send(JSON.stringify({ type: 'auth', v: 1, authToken: aliceToken }))
    await frameWhere(alice, (f) => f.type === 'auth-ok', 'auth-ok')
    // In rounds of 50: every ack carries its message back, and alice's send buffer has a limit too.
    for (let i = 0; i < MESSAGES; i += 50) {
      const round = Math.min(50, MESSAGES - i)
      const last = `m${i + round - 1}`
      const acked = frameWhere(alice, (f) => f.type === 'message-ack' && f.ref === last, `ack ${last}`)
      for (let j = i; j < i + round; j++)
        alice.send(
          JSON.stringify({ type: 'send-message', ref: `m${j}`, receiver: 'bob', text: 'x'.repeat(CHARS) }),
        )
      await acked
    }
    alice.close(1000)
    const times = []
    for (let run = 0; run < RUNS; run++) {
      const ws = await openSocket(server.socketUrl)
      let offsets = []
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data))
        if (frame.type === 'message') offsets.push(frame.offset)
      })
      const startedAt = performance.now()
      const done = frameWhere(
        ws,
        (f) => f.type === 'message' && f.offset === stream.offset + MESSAGES,
        'last replayed',
      )
      ws.send(JSON.stringify({ type: 'auth', v: 1, authToken: bobToken, resume: stream }))
      await done
      times.push(performance.now() - startedAt)
      const expected = Array.from({ length: MESSAGES }, (_, i) => stream.offset + i + 1)
      if (offsets.join() !== expected.join()) throw new Error('the replay was incomplete or out of order')
      offsets = []
      ws.close(1000)
    }
    const megabytes = (MESSAGES * CHARS) / 1e6
    console.log(
      `replay of ${MESSAGES} missed messages × ${CHARS} chars (${megabytes.toFixed(1)} MB) on loopback: ` +
        `median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; ${RUNS} runs), ` +
        `${((MESSAGES / median(times)) * 1000).toFixed(0)} messages/s`,
    )
  } finally {
    await server.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
