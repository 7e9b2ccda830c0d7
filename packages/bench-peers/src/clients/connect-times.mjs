// When this process opened TCP connections: a wrapper around net.Socket.prototype.connect, installed
// once, records the moment each connect starts. The storm scenario compares these (the attempts as the
// clients made them) with the attempts the server's upgrade handler saw: a server whose event loop is
// busy takes a queue of connections in one go, so its histogram can be bunched where the clients' is not.
// Every library connects through `net` in Node (ws, engine.io-client's polling and WebSocket), so the
// count is the same for all; socket.io's polling requests count as connections too.
import { Socket } from 'node:net'
import { wallNow } from '../clock.mjs'

/** @type {number[]} */
const times = []
let installed = false

/** Installs the wrapper (once per process). */
export function recordTcpConnects() {
  if (installed) return
  installed = true
  const connect = Socket.prototype.connect
  Socket.prototype.connect = function (...args) {
    times.push(wallNow())
    return connect.apply(this, args)
  }
}

/** @param {number} since epoch ms @returns {number[]} the times of connects started at or after `since` */
export const tcpConnectsSince = (since) => times.filter((t) => t >= since)
