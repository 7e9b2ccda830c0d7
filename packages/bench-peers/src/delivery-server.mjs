// The server for delivery-bench.mjs, in its own process: the real server with its default limits except
// a rate limit that lets one sender push a thousand messages at once.
import { startServer } from '@cometchat-connection/server'

const server = await startServer({ port: 0, rateLimit: { framesPerSecond: 100_000, burst: 100_000 } })
process.send?.(server.url)
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)))
