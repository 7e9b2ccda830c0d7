#!/usr/bin/env node
/**
 * The `cometchat-connection-server` bin: starts {@link startServer} from the command line and shuts it
 * down gracefully on SIGINT / SIGTERM (close code 1001 to every client) or SIGUSR2 (1012, a restart).
 *
 * @packageDocumentation
 */
import { CometChatException } from '@cometchat-connection/core'
import { parseCliArgs, USAGE } from './cli/parse-cli-args.js'
import { startServer } from './node/start-server.js'

async function main(argv: readonly string[]): Promise<void> {
  const command = parseCliArgs(argv, process.env)
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (command.kind === 'error') {
    process.stderr.write(`cometchat-connection-server: ${command.message}\n\n${USAGE}\n`)
    process.exitCode = 2
    return
  }
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer(command.options)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const message =
      code === 'EADDRINUSE'
        ? `port ${command.options.port} is already in use; pick another with --port`
        : error instanceof Error
          ? error.message
          : String(error)
    process.stderr.write(`cometchat-connection-server: ${message}\n`)
    // Bad option values are usage errors (2); anything else (port taken, no permission) is a runtime failure (1).
    process.exitCode = error instanceof CometChatException ? 2 : 1
    return
  }
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": do not wait for slow clients.
      process.exit(1)
    }
    stopping = true
    // SIGUSR2 is what restarters (nodemon) send: 1012 tells clients the server is back soon.
    const restart = signal === 'SIGUSR2'
    process.stdout.write(`${signal}: closing every socket with ${restart ? '1012 (restart)' : '1001'} …\n`)
    server.close({ restart }).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`cometchat-connection-server: shutdown failed: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('SIGUSR2', stop)
  // Announce only once the handlers are in place: whoever reads the URL may signal at once.
  const store = command.options.redis === undefined ? 'in memory' : 'on Redis'
  process.stdout.write(
    `cometchat-connection-server listening on ${server.url} (appId ${server.core.appId}, WebSocket ${server.socketUrl}, ${store})\n`,
  )
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`cometchat-connection-server: ${String(error)}\n`)
  process.exit(1)
})
