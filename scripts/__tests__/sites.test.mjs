import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSites } from '../start/sites.mjs'

let dir
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sites-'))
  writeFileSync(join(dir, 'index.html'), '<html>site</html>')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cleanups = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Log lines, with a way to wait for one (no sleeps). */
function logger() {
  const lines = []
  const waiters = []
  const log = (line) => {
    lines.push(line)
    for (const w of [...waiters]) if (line.includes(w.text)) w.resolve(line)
  }
  const waitFor = (text) => new Promise((resolve) => waiters.push({ text, resolve }))
  return { lines, log, waitFor }
}

const page = async (port) => (await fetch(`http://127.0.0.1:${port}/`)).text()

describe('startSites', () => {
  it('serves each site in a worker and closes them', async () => {
    const { log } = logger()
    const sites = await startSites([{ name: 'one', root: dir, host: '127.0.0.1', port: 0, spa: true }], {
      log,
    })
    expect(await page(sites.ports[0])).toBe('<html>site</html>')
    await sites.close()
    await expect(fetch(`http://127.0.0.1:${sites.ports[0]}/`)).rejects.toThrow()
  })

  it('an uncaught exception in serving pages ends the worker only: this process keeps answering, the sites come back on the same port', async () => {
    // The realtime server's stand-in: an HTTP server in this process.
    const realtime = createServer((_req, res) => res.end('realtime up'))
    await new Promise((resolve) => realtime.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => realtime.close(resolve)))
    const marker = join(dir, 'crash-once')
    writeFileSync(marker, '')
    const { lines, log, waitFor } = logger()
    const restarted = waitFor('the sites are back')
    const workerUrl = new URL('./fixtures/crashing-sites-worker.mjs', import.meta.url)
    const site = { name: 'one', root: dir, host: '127.0.0.1', port: 0, spa: true, crashMarker: marker }
    const sites = await startSites([site], { log, workerUrl })
    cleanups.push(() => sites.close())
    // The first request meets the bug: the worker dies mid-request, so this one gets no page.
    await expect(fetch(`http://127.0.0.1:${sites.ports[0]}/`)).rejects.toThrow()
    await restarted
    expect(lines.some((l) => l.includes('a bug while serving pages'))).toBe(true)
    expect(lines.some((l) => l.includes('restarting them on the same ports'))).toBe(true)
    expect(await page(sites.ports[0])).toBe('<html>site</html>')
    const { port } = realtime.address()
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('realtime up')
  })

  it('a port in use is a start error naming the site (EADDRINUSE), not a crash', async () => {
    const taken = createServer()
    await new Promise((resolve) => taken.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)))
    const site = {
      name: 'docs (DOCS_PORT)',
      root: dir,
      host: '127.0.0.1',
      port: taken.address().port,
      spa: false,
    }
    await expect(startSites([site], { log: () => {} })).rejects.toMatchObject({
      site: 'docs (DOCS_PORT)',
      code: 'EADDRINUSE',
    })
  })
})
