// The main job (`pnpm start`): builds what is needed (saying what it builds), then runs on localhost
//   - the realtime server (@cometchat-connection/server)       http://127.0.0.1:4455
//   - the docs site with the embedded playground (static build) http://127.0.0.1:3000
//   - the standalone playground                                  http://127.0.0.1:5173
// and prints the URLs. Ports: SERVER_PORT, DOCS_PORT, PLAYGROUND_PORT; host: HOST (default 127.0.0.1).
// Ctrl-C stops everything (clients get close code 1001) and exits with 0, at any moment, also while
// building. The static sites run in a worker thread (start/sites.mjs), so nothing that happens while
// serving pages can take the realtime server down.
// package.json runs this as `exec node scripts/start.mjs`: without `exec`, Ctrl-C kills the shell
// between pnpm and node at once (dash exits on SIGINT), and pnpm reports `ELIFECYCLE Command failed`.
import { fileURLToPath } from 'node:url'
import { runBuildStep } from './start/build-step.mjs'
import { startSites } from './start/sites.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }
const host = process.env.HOST ?? '127.0.0.1'
const log = (line) => console.log(line)
const STOP_DEADLINE_MS = 10_000

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

// Stopping: whatever runs (a build, the services) is asked to stop, then the process exits with 0.
const running = { build: null, server: null, sites: null }
let stopping = false
async function stop(signal) {
  if (stopping) return // pnpm forwards the terminal's SIGINT, so it arrives twice
  stopping = true
  log(`[start] ${signal}: stopping …`)
  setTimeout(() => {
    console.error(`[start] did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`)
    process.exit(0)
  }, STOP_DEADLINE_MS).unref()
  const build = running.build
  const buildEnded =
    build && build.exitCode === null && build.signalCode === null
      ? new Promise((done) => build.once('close', done))
      : null
  build?.kill('SIGINT') // turbo stops its tasks (from a terminal it got the SIGINT already)
  await Promise.allSettled([buildEnded, running.server?.close(), running.sites?.close()])
  log('[start] stopped')
  process.exit(0)
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))

const steps = [
  [
    'the packages (core, server, test kit)',
    ['@cometchat-connection/playground^...', '@cometchat-connection/test-kit'],
  ],
  ['the playground (library and standalone app)', ['@cometchat-connection/playground']],
  ['the docs site (Docusaurus and the API reference; the longest step)', ['@cometchat-connection/docs']],
]
const started = Date.now()
const reported = new Set()
for (const [index, [label, filters]] of steps.entries()) {
  try {
    await runBuildStep({
      number: index + 1,
      total: steps.length,
      label,
      filters,
      cwd: root,
      env,
      log,
      reported,
      track: (child) => {
        running.build = child
      },
    })
    running.build = null
  } catch (error) {
    if (stopping) await new Promise(() => {}) // stop() exits
    process.stderr.write(error.output ?? '')
    console.error(`\n[start] ${error.message}. The output above says why; fix it and run pnpm start again.`)
    process.exit(1)
  }
}
log(`[start] built in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the services …`)

function startFailed(what, error) {
  const hint =
    error?.code === 'EADDRINUSE' ? ' (the port is in use: set another with the environment variable)' : ''
  console.error(`[start] could not start the ${what}: ${error?.message ?? error}${hint}`)
  process.exit(1)
}

const { startServer } = await import('../packages/server/dist/index.js')
const server = await startServer({ port: ports.server, host }).catch((e) =>
  startFailed('server (SERVER_PORT)', e),
)
running.server = server
const sites = await startSites(
  [
    { name: 'docs (DOCS_PORT)', root: `${root}apps/docs/build`, host, port: ports.docs, spa: false },
    {
      name: 'playground (PLAYGROUND_PORT)',
      root: `${root}apps/playground/dist/app`,
      host,
      port: ports.playground,
      spa: true,
    },
  ],
  { log },
).catch((e) => startFailed(e.site ?? 'static sites', e))
running.sites = sites
if (stopping) await new Promise(() => {}) // Ctrl-C came while starting: stop() closes what started

const docs = `http://${host}:${sites.ports[0]}`
const playground = `http://${host}:${sites.ports[1]}`
const withServer = `?server=${encodeURIComponent(server.url)}`
log(`
  realtime server   ${server.url}   (appId demo-app, auth key demo-auth-key)
  docs              ${docs}/
  playground (docs) ${docs}/docs/playground   runs the server logic inside the page
                    ${docs}/docs/playground${withServer}
  playground        ${playground}/${withServer}   against the real server

  Ctrl-C to stop.
`)
