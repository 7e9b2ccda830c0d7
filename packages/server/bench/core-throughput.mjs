// In-process benchmark of the protocol core alone: no sockets, so it measures what the server does per
// message (decode, store, ack, fan-out), not the kernel. Not part of the test suite.
//
//   pnpm --filter @cometchat-connection/server bench:core
//   BENCH_BASELINE_CORE=/path/to/other/dist/browser.js pnpm --filter @cometchat-connection/server bench:core
//
// Alice's fake socket sends CORE_MESSAGES messages to Bob's; a run ends when every one is acked (and each
// was delivered once). With BENCH_BASELINE_CORE (a module exporting RealtimeServerCore, e.g. an older
// build's dist/protocol/index.js), runs alternate between the two and the medians are compared.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { boundedInt } from '../../../scripts/bounded-int.mjs'
import { median } from './server-process.mjs'

const MESSAGES = boundedInt('CORE_MESSAGES', 100_000, 1_000, 1_000_000)
const ROUNDS = boundedInt('BENCH_ROUNDS', 7, 1, 20)
const BASELINE = process.env.BENCH_BASELINE_CORE
const CURRENT = fileURLToPath(new URL('../dist/browser.js', import.meta.url))

const turn = () => new Promise((resolve) => setImmediate(resolve))

/** One run against the core of `mod`; resolves messages/s. */
async function runOnce(mod) {
  const core = new mod.RealtimeServerCore({ rateLimit: { framesPerSecond: 1e9, burst: 1e9 } })
  let delivered = 0
  let acked = 0
  const sockets = {}
  for (const uid of ['alice', 'bob']) {
    const { authToken } = await core.createSession(uid)
    sockets[uid] = core.openConnection('demo-app', {
      send(text) {
        if (text.startsWith('{"type":"message"')) delivered++
        else if (text.startsWith('{"type":"message-ack"')) acked++
      },
      close() {},
    })
    sockets[uid].onText(JSON.stringify({ type: 'auth', v: 1, authToken }))
  }
  for (let i = 0; i < 20; i++) await turn()
  const frames = Array.from({ length: 1000 }, (_, i) =>
    JSON.stringify({ type: 'send-message', ref: `r${i}`, receiver: 'bob', text: `hello ${i}` }),
  )
  const startedAt = performance.now()
  for (let i = 0; i < MESSAGES; i++) {
    sockets.alice.onText(frames[i % 1000])
    // Let acks flow now and then, as a socket's reads would.
    if (i % 1000 === 999) await turn()
  }
  while (acked < MESSAGES) await turn()
  const ms = performance.now() - startedAt
  core.shutdown()
  if (delivered !== MESSAGES) throw new Error(`delivered ${delivered} of ${MESSAGES}`)
  return (MESSAGES / ms) * 1000
}

async function main() {
  if (BASELINE !== undefined && !existsSync(BASELINE)) {
    console.error(`BENCH_BASELINE_CORE: ${BASELINE} does not exist`)
    process.exit(2)
  }
  const builds = [['current', await import(CURRENT)]]
  if (BASELINE) builds.unshift(['baseline', await import(BASELINE)])
  const rates = new Map(builds.map(([label]) => [label, []]))
  for (let round = 0; round < ROUNDS; round++)
    for (const [label, mod] of builds) rates.get(label).push(await runOnce(mod))
  for (const [label, values] of rates)
    console.log(
      `${label.padEnd(9)} ${values.map((v) => v.toFixed(0)).join(' ')} messages/s → median ${median(values).toFixed(0)}`,
    )
  if (BASELINE)
    console.log(
      `current/baseline ${(median(rates.get('current')) / median(rates.get('baseline'))).toFixed(3)} (${ROUNDS} alternating runs of ${MESSAGES} messages)`,
    )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
