// The static sites of `pnpm start` (docs, standalone playground), served in a worker thread: an
// exception there ends this thread only, never the process that holds the realtime server
// (scripts/start/sites.mjs restarts it). workerData: { sites: [{ name, root, host, port, spa }] }.
import { parentPort, workerData } from 'node:worker_threads'
import { serveStatic } from '../../packages/test-kit/dist/static-server.js'

const servers = []
const closeAll = () => Promise.allSettled(servers.map((server) => server.close()))

parentPort.on('message', async (message) => {
  if (message !== 'close') return
  await closeAll()
  process.exit(0) // in a worker: ends this thread
})

let current
try {
  for (const site of workerData.sites) {
    current = site
    const onError = (error, url) =>
      console.error(`[start] ${site.name}: error while answering ${url}: ${error?.message ?? error}`)
    servers.push(await serveStatic(site.root, { host: site.host, port: site.port, spa: site.spa, onError }))
  }
  parentPort.postMessage({ type: 'ready', ports: servers.map((server) => server.port) })
} catch (error) {
  await closeAll()
  parentPort.postMessage({
    type: 'failed',
    site: current?.name,
    code: error?.code,
    message: String(error?.message ?? error),
  })
}
