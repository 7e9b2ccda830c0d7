// The libraries of the comparison, in table order. Each adapter module is imported only by the
// process that measures it, so no other library's code sits in its heap or runs its module-load code.

/**
 * @typedef {object} Client
 * @property {string} uid the user the inbound frames are addressed to
 * @property {() => void} close
 * @property {(i: number) => void} send sends chat message `i` the library's way
 * @property {() => Promise<void>} ready resolves when inbound frames may be pushed
 */

/**
 * Connects one client and resolves once it is up.
 * @typedef {(o: { port: number, index: number, hooks: import('./link-state.mjs').LinkHooks }) => Promise<Client>} Open
 */

/**
 * @typedef {object} Library
 * @property {string} id @property {string} label @property {string} pkg its npm package
 * @property {string} server the bench server kind it talks to
 * @property {boolean} reconnects whether the outage and storm scenarios apply
 * @property {string} file its adapter module @property {string} [exportName] default: the default export
 */

/** @type {Library[]} */
export const LIBRARIES = [
  {
    id: 'engine',
    label: 'this engine',
    pkg: '@cometchat-connection/core',
    server: 'engine',
    reconnects: true,
    file: './engine.mjs',
  },
  {
    id: 'partysocket',
    label: 'partysocket',
    pkg: 'partysocket',
    server: 'ws',
    reconnects: true,
    file: './partysocket.mjs',
  },
  {
    id: 'reconnecting-websocket',
    label: 'reconnecting-websocket',
    pkg: 'reconnecting-websocket',
    server: 'ws',
    reconnects: true,
    file: './reconnecting-websocket.mjs',
  },
  {
    id: 'socket.io-client',
    label: 'socket.io-client',
    pkg: 'socket.io-client',
    server: 'socket.io',
    reconnects: true,
    file: './socket-io.mjs',
  },
  {
    id: 'phoenix',
    label: 'phoenix',
    pkg: 'phoenix',
    server: 'phoenix',
    reconnects: true,
    file: './phoenix.mjs',
  },
  {
    id: 'ws',
    label: 'raw ws',
    pkg: 'ws',
    server: 'ws',
    reconnects: false,
    file: './raw-ws.mjs',
    exportName: 'openParsing',
  },
]

/** Raw ws without JSON.parse: only the inbound scenario's second baseline. */
export const RAW_NO_PARSE = {
  ...LIBRARIES[5],
  id: 'ws-no-parse',
  label: 'raw ws, no JSON.parse',
  exportName: 'openNoParse',
}

/** @param {string} id @returns {Library} */
export function libraryById(id) {
  const found = [...LIBRARIES, RAW_NO_PARSE].find((l) => l.id === id)
  if (!found) throw new Error(`unknown library ${id}; known: ${LIBRARIES.map((l) => l.id).join(', ')}`)
  return found
}

/** @param {Library} library @returns {Promise<Open>} */
export async function loadOpen(library) {
  const module = await import(library.file)
  return module[library.exportName ?? 'default']
}
