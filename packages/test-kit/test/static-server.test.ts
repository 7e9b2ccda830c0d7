import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rawRequest } from '../src/raw-request.js'
import { badPath, type StaticServer, type StaticServerOptions, serveStatic } from '../src/static-server.js'

// A site folder inside a scratch folder that also holds a secret: the secret must never be served.
const SECRET = 'secret-outside-the-site'
let scratch: string
let site: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'static-server-'))
  site = join(scratch, 'site')
  writeFileSync(join(scratch, 'secret.txt'), SECRET)
  const files: Record<string, string> = {
    'index.html': '<html>home</html>',
    '404.html': '<html>custom not found</html>',
    'a.html': '<html>page a</html>',
    'b/index.html': '<html>folder b</html>',
    'assets/app.js': 'console.log(1)',
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(site, name, '..'), { recursive: true })
    writeFileSync(join(site, name), text)
  }
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const servers: StaticServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})
async function serve(options: StaticServerOptions = {}): Promise<StaticServer> {
  const server = await serveStatic(site, options)
  servers.push(server)
  return server
}

// `..%2f` is what the issue reported (`GET /..%2f..%2fetc%2fhostname`); deep enough to reach `/`.
const TRAVERSALS = [
  '/..%2fsecret.txt',
  '/..%2F..%2Fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/%2e%2e/secret.txt',
  '/../secret.txt',
  '/b/../../secret.txt',
  '/..%5csecret.txt',
  `/${'..%2f'.repeat(30)}etc%2fhostname`,
]

describe('serveStatic', () => {
  for (const spa of [false, true]) {
    it(`never answers a file outside its folder (spa: ${spa}), whatever the encoding`, async () => {
      const server = await serve({ spa })
      for (const target of TRAVERSALS) {
        const response = await rawRequest(server.port, target)
        expect([400, 404], target).toContain(response.status)
        expect(response.body, target).not.toContain(SECRET)
      }
    })
  }

  it('answers malformed percent-encoding with 400 and keeps answering', async () => {
    const errors: unknown[] = []
    const server = await serve({ onError: (error) => errors.push(error) })
    const bad = await rawRequest(server.port, '/%E0%A4%A')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('malformed percent-encoding')
    const home = await rawRequest(server.port, '/')
    expect(home.status).toBe(200)
    expect(home.body).toBe('<html>home</html>')
    expect(errors).toEqual([])
  })

  it('finds pages the way a Docusaurus build needs: /a → a.html, /b and /b/ → b/index.html', async () => {
    const server = await serve()
    const page = async (path: string) => {
      const response = await fetch(`${server.url}${path}`)
      return [response.status, await response.text(), response.headers.get('content-type')]
    }
    expect(await page('/')).toEqual([200, '<html>home</html>', 'text/html;charset=utf-8'])
    expect(await page('/a')).toEqual([200, '<html>page a</html>', 'text/html;charset=utf-8'])
    expect(await page('/b')).toEqual([200, '<html>folder b</html>', 'text/html;charset=utf-8'])
    expect(await page('/b/')).toEqual([200, '<html>folder b</html>', 'text/html;charset=utf-8'])
    expect(await page('/assets/app.js')).toEqual([200, 'console.log(1)', 'text/javascript'])
    // A site with a 404.html answers unknown paths with it, as a 404.
    expect(await page('/nowhere')).toEqual([404, '<html>custom not found</html>', 'text/html; charset=utf-8'])
  })

  it('spa: unknown page paths get the root index.html; a missing asset is still a 404', async () => {
    const server = await serve({ spa: true })
    const deep = await fetch(`${server.url}/some/route?server=x`)
    expect([deep.status, await deep.text()]).toEqual([200, '<html>home</html>'])
    const asset = await fetch(`${server.url}/assets/missing.js`)
    expect(asset.status).toBe(404)
  })

  it('answers other methods than GET and HEAD with 405', async () => {
    const server = await serve()
    const post = await rawRequest(server.port, '/a', 'POST')
    expect(post.status).toBe(405)
    const head = await fetch(`${server.url}/a`, { method: 'HEAD' })
    expect(head.status).toBe(200)
  })

  it('a file that vanished after start cuts only that response off; the process and the server carry on', async () => {
    const errors: unknown[] = []
    const own = join(scratch, 'vanishing')
    mkdirSync(own, { recursive: true })
    writeFileSync(join(own, 'index.html'), '<html>still here</html>')
    writeFileSync(join(own, 'gone.html'), '<html>about to go</html>')
    const server = await serveStatic(own, { onError: (error) => errors.push(error) })
    servers.push(server)
    rmSync(join(own, 'gone.html'))
    const gone = await rawRequest(server.port, '/gone')
    expect(gone.cutOff).toBe(true)
    expect(errors).toHaveLength(1)
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT')
    const home = await rawRequest(server.port, '/')
    expect([home.status, home.body]).toEqual([200, '<html>still here</html>'])
  })
})

describe('badPath', () => {
  it('accepts ordinary paths, including encoded characters that are not separators', () => {
    for (const ok of [
      '/',
      '/a',
      '/docs/concepts/modes',
      '/b/',
      '/caf%C3%A9',
      '/a%20b?x=%2f',
      '/.well-known/x',
    ]) {
      expect(badPath(ok), ok).toBeNull()
    }
  })

  it('names what is wrong with a bad one', () => {
    expect(badPath('/%E0%A4%A')).toBe('malformed percent-encoding in the path')
    expect(badPath('/..%2fx')).toBe('encoded separators or NUL are not allowed in the path')
    expect(badPath('/a%00b')).toBe('encoded separators or NUL are not allowed in the path')
    expect(badPath('/../x')).toBe('dot segments are not allowed in the path')
    expect(badPath('/%2e%2e/x')).toBe('dot segments are not allowed in the path')
    expect(badPath('http://evil/x')).toBe('the request target must be a path starting with /')
  })
})
