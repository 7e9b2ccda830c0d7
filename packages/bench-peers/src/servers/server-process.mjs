// The server child process: one bench server of one kind, driven over IPC by the client process, so
// clients and server each get a core of their own. Commands: start, outage, cut, attempts, push, stop.
import { once } from 'node:events'
import { sleep, wallNow } from '../clock.mjs'
import { benchMessage, textFrame } from '../frames.mjs'
import {
  attemptsSince,
  destroyAllSockets,
  instrumentHttpServers,
  newestUpgradedSocket,
} from './instrument-http.mjs'
import { SERVER_KINDS } from './kinds.mjs'

instrumentHttpServers()
const kind = process.argv[2]
const options = JSON.parse(process.argv[3] ?? '{}')
const make = SERVER_KINDS[kind]
if (!make) throw new Error(`unknown server kind ${kind}`)
const server = make(options)
let port = 0

/**
 * Writes `count` pre-encoded message frames (ids from `first`) onto the newest upgraded socket, in 1 MiB chunks,
 * waiting for 'drain' whenever the socket's buffer is full.
 * @param {number} count @param {number} first @param {string} receiver
 */
async function push(count, first, receiver) {
  const socket = newestUpgradedSocket()
  if (!socket) throw new Error('no upgraded socket to push to')
  const frames = []
  for (let i = first; i < first + count; i++) frames.push(textFrame(server.encode(benchMessage(i, receiver))))
  const all = Buffer.concat(frames)
  const startedAt = wallNow()
  for (let offset = 0; offset < all.length; offset += 1 << 20) {
    if (!socket.write(all.subarray(offset, offset + (1 << 20)))) await once(socket, 'drain')
  }
  return { startedAt, bytes: all.length }
}

const commands = {
  async start() {
    port = await server.start(port)
    return { port, stopNote: server.stopNote }
  },
  async outage({ downMs }) {
    const stoppingAt = wallNow()
    await server.stop()
    const stoppedAt = wallNow()
    await sleep(downMs)
    await server.start(port)
    return { stoppingAt, stoppedAt, backAt: wallNow() }
  },
  cut() {
    const cutAt = wallNow()
    if (server.cut) server.cut()
    else destroyAllSockets()
    return { cutAt }
  },
  attempts: ({ since }) => ({ times: attemptsSince(since) }),
  push: ({ count, first = 0, receiver }) => push(count, first, receiver),
  async stop() {
    await server.stop()
    return {}
  },
}

process.on('message', async ({ id, cmd, args }) => {
  try {
    const value = await commands[cmd](args ?? {})
    process.send?.({ id, ok: true, value })
  } catch (error) {
    process.send?.({ id, ok: false, error: String(error?.stack ?? error) })
  }
})
process.on('disconnect', () => process.exit(0))
process.send?.({ ready: true })
