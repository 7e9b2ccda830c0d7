// One run of one scenario for one library, in a fresh process (so module-load state, like
// reconnecting-websocket's drawn delay, and the heap start clean), with its server in a child of its own.
// Input: argv[2] = JSON { scenario, library, params, serverOptions }. Output: one IPC message
// { ok, result } or { ok: false, error }, then exit.
import { libraryById, loadOpen } from '../clients/library.mjs'
import { CLIENT_SCENARIOS } from '../scenarios/scenario.mjs'
import { startServerChild } from '../servers/server-handle.mjs'

const { scenario, library: libraryId, params, serverOptions } = JSON.parse(process.argv[2])
const library = libraryById(libraryId)
const run = CLIENT_SCENARIOS[scenario]

let server
try {
  if (!run) throw new Error(`unknown scenario ${scenario}`)
  const open = await loadOpen(library)
  server = await startServerChild(library.server, serverOptions ?? {})
  const result = await run({ library, open, server, params })
  process.send?.({ ok: true, result })
} catch (error) {
  process.send?.({ ok: false, error: String(error?.stack ?? error) })
} finally {
  await server?.close()
  // Clients that were closed may still hold timers (a library's reconnect); the run is over.
  setImmediate(() => process.exit(0))
}
