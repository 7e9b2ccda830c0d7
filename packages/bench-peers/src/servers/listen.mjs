// Listening and closing for the peers' bench servers (plain node:http underneath).

/** @param {import('node:http').Server} server @param {number} port @returns {Promise<number>} */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/**
 * Sends 1001 ("going away") to every client, as this project's server does on close(), stops
 * listening, and cuts whatever has not closed within `graceMs`.
 * @param {import('node:http').Server} server @param {import('ws').WebSocketServer} wss @param {number} [graceMs]
 */
export async function closeGoingAway(server, wss, graceMs = 2000) {
  const closed = new Promise((resolve) => server.close(() => resolve(undefined)))
  server.closeIdleConnections()
  const sockets = [...wss.clients]
  const gone = sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve)))
  for (const ws of sockets) ws.close(1001, 'going away')
  const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref())
  await Promise.race([Promise.all(gone), grace])
  for (const ws of wss.clients) ws.terminate()
  server.closeAllConnections()
  await closed
}
