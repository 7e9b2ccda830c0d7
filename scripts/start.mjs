// The main job (`pnpm start`): builds what is needed, then runs on localhost
//   - the realtime server (@cometchat-connection/server)       http://127.0.0.1:4455
//   - the docs site with the embedded playground (static build) http://127.0.0.1:3000
//   - the standalone playground                                  http://127.0.0.1:5173
// and prints the URLs. Ports: SERVER_PORT, DOCS_PORT, PLAYGROUND_PORT; host: HOST (default 127.0.0.1).
// Ctrl-C stops everything (clients get close code 1001).
import { execSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }
const host = process.env.HOST ?? '127.0.0.1'
const port = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0-65535), got ${process.env[name]}`)
    process.exit(2)
  }
  return value
}
const ports = {
  server: port('SERVER_PORT', 4455),
  docs: port('DOCS_PORT', 3000),
  playground: port('PLAYGROUND_PORT', 5173),
}

console.log('[start] building the packages, the playground and the docs …')
execSync(
  'pnpm exec turbo run build --filter=@cometchat-connection/docs... --filter=@cometchat-connection/test-kit --output-logs=errors-only',
  { cwd: root, stdio: 'inherit', env },
)

const { startServer } = await import('../packages/server/dist/index.js')
const { serveStatic } = await import('../packages/test-kit/dist/index.js')

async function listen(what, start) {
  try {
    return await start()
  } catch (error) {
    const hint =
      error?.code === 'EADDRINUSE' ? ' (the port is in use: set another with the environment variable)' : ''
    console.error(`[start] could not start the ${what}: ${error?.message ?? error}${hint}`)
    process.exit(1)
  }
}

const server = await listen('server (SERVER_PORT)', () => startServer({ port: ports.server, host }))
const docs = await listen('docs (DOCS_PORT)', () =>
  serveStatic(`${root}apps/docs/build`, { port: ports.docs, host }),
)
const playground = await listen('playground (PLAYGROUND_PORT)', () =>
  serveStatic(`${root}apps/playground/dist/app`, { port: ports.playground, host, spa: true }),
)
const withServer = `?server=${encodeURIComponent(server.url)}`

console.log(`
  realtime server   ${server.url}   (appId demo-app, auth key demo-auth-key)
  docs              ${docs.url}/
  playground (docs) ${docs.url}/docs/playground   runs the server logic inside the page
                    ${docs.url}/docs/playground${withServer}
  playground        ${playground.url}/${withServer}   against the real server

  Ctrl-C to stop.
`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  console.log('[start] stopping …')
  await Promise.allSettled([server.close(), docs.close(), playground.close()])
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
