// One server process of a test cluster: the built server (dist) with the options in argv[2], driven by
// its parent over IPC (fork): { id, cmd, ... } → { id, result } or { id, error }.
import { startServer } from '../../dist/index.js'

const options = JSON.parse(process.argv[2] ?? '{}')
const server = await startServer(options)

const commands = {
  drop: () => {
    server.dropConnections()
    return null
  },
  revoke: (msg) => server.core.revokeToken(msg.token),
  throttle: (msg) => server.sendThrottleNotice(msg.uid),
  count: () => server.connectionCount(),
  online: () => server.core.onlineUsers().map((u) => u.uid),
  restart: () => server.close({ restart: true }).then(() => null),
  close: () => server.close().then(() => null),
}

process.on('message', (msg) => {
  Promise.resolve()
    .then(() => commands[msg.cmd](msg))
    .then(
      (result) => process.send({ id: msg.id, result }),
      (error) => process.send({ id: msg.id, error: String(error) }),
    )
    .then(() => {
      if (msg.cmd === 'close' || msg.cmd === 'restart') process.exit(0)
    })
})
process.on('disconnect', () => process.exit(0))
process.send({ ready: true, url: server.url, port: server.port, processId: server.core.backend.processId })
