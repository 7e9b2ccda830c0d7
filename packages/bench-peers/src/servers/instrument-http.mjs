// Counts connection attempts and keeps the TCP sockets of every node:http server in this process,
// without touching the servers' code: a wrapper around http.Server.prototype.emit sees each
// 'connection', 'request' and 'upgrade' before the server's own listeners do.
//
// An attempt is what opens a new session: every WebSocket upgrade, except a socket.io upgrade that
// carries a `sid` (it moves an existing polling session to WebSocket), plus every socket.io polling
// request without a `sid` (socket.io's default first step). A SYN the kernel refuses before Node
// accepts it is not seen.
import { Server } from 'node:http'
import { wallNow } from '../clock.mjs'

/** @type {number[]} */
const attemptTimes = []
/** @type {Set<import('node:net').Socket>} every open TCP socket of this process's HTTP servers */
const tcpSockets = new Set()
/** @type {import('node:net').Socket[]} upgraded sockets, newest last (closed ones are dropped) */
const upgraded = []
let installed = false

/** @param {import('node:http').IncomingMessage} req */
function isNewSession(req) {
  const url = new URL(req.url ?? '/', 'http://bench.invalid')
  if (!url.pathname.startsWith('/socket.io/')) return true
  return !url.searchParams.has('sid')
}

/** Installs the wrapper once per process. */
export function instrumentHttpServers() {
  if (installed) return
  installed = true
  const emit = Server.prototype.emit
  Server.prototype.emit = function (name, ...args) {
    if (name === 'connection') {
      const socket = args[0]
      tcpSockets.add(socket)
      socket.once('close', () => tcpSockets.delete(socket))
    } else if (name === 'upgrade') {
      const [req, socket] = args
      if (isNewSession(req)) attemptTimes.push(wallNow())
      upgraded.push(socket)
      socket.once('close', () => upgraded.splice(upgraded.indexOf(socket), 1))
    } else if (name === 'request') {
      const req = args[0]
      if (req.url?.startsWith('/socket.io/') && isNewSession(req)) attemptTimes.push(wallNow())
    }
    return emit.call(this, name, ...args)
  }
}

/** @param {number} since epoch ms @returns {number[]} attempt times at or after `since` */
export const attemptsSince = (since) => attemptTimes.filter((t) => t >= since)

/** Destroys every TCP socket of every HTTP server here: a network cut, as the clients see it. */
export function destroyAllSockets() {
  for (const socket of tcpSockets) socket.destroy()
}

/** @returns {import('node:net').Socket | undefined} the newest upgraded socket still open */
export const newestUpgradedSocket = () => upgraded.at(-1)
