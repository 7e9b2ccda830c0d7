// Runs the static sites in a worker thread (sites-worker.mjs) and keeps them up: if the worker dies
// (an uncaught exception in serving pages), the realtime server in this process is untouched, and the
// sites come back on the same ports. Gives up after 5 deaths within a minute, saying so.
import { Worker } from 'node:worker_threads'

const RESTARTS_PER_MINUTE = 5
const CLOSE_DEADLINE_MS = 3_000

/**
 * Starts the sites; resolves with their ports (in order) and `close()`, or rejects with the first
 * site's start error (`site`, `code`: EADDRINUSE…). `workerUrl` is for tests.
 */
export async function startSites(sites, { log, workerUrl = new URL('./sites-worker.mjs', import.meta.url) }) {
  let closing = false
  let worker
  let workerExited = Promise.resolve()
  const deaths = []

  const spawnWorker = (wanted) =>
    new Promise((resolve, reject) => {
      const own = new Worker(workerUrl, { workerData: { sites: wanted } })
      worker = own
      workerExited = new Promise((done) => own.once('exit', done))
      let ready = false
      own.on('message', (message) => {
        if (message.type === 'ready') {
          ready = true
          resolve(message.ports)
        } else if (message.type === 'failed') {
          reject(Object.assign(new Error(message.message), { site: message.site, code: message.code }))
          void own.terminate()
        }
      })
      // Without this listener an uncaught exception in the worker would be rethrown in this process.
      own.on('error', (error) => {
        if (!ready) reject(error)
        else log(`[start] serving the sites failed: ${error?.stack ?? error}`)
      })
      own.on('exit', (code) => {
        if (!ready) return reject(new Error(`the sites' worker exited with code ${code} before it was ready`))
        if (!closing && worker === own) restart(code)
      })
    })

  // Declared before the first worker starts: its events may all arrive in one turn, before the
  // `await` below resumes.
  let ports = sites.map((site) => site.port)
  const pinned = () => sites.map((site, i) => ({ ...site, port: ports[i] }))
  function restart(code) {
    const now = Date.now()
    deaths.push(now)
    while (deaths[0] < now - 60_000) deaths.shift()
    if (deaths.length > RESTARTS_PER_MINUTE) {
      log(
        `[start] the sites stopped ${deaths.length} times within a minute; not restarting them (the realtime server keeps running)`,
      )
      return
    }
    log(`[start] the sites stopped (worker exit code ${code}); restarting them on the same ports`)
    spawnWorker(pinned()).then(
      (again) => {
        ports = again
        log('[start] the sites are back')
      },
      (error) => log(`[start] could not restart the sites: ${error.message}`),
    )
  }

  ports = await spawnWorker(sites)

  return {
    ports,
    async close() {
      closing = true
      worker.postMessage('close')
      const deadline = setTimeout(() => void worker.terminate(), CLOSE_DEADLINE_MS)
      await workerExited // at once if it already died
      clearTimeout(deadline)
    },
  }
}
