// Checks the README's first command: `pnpm start` must bring up the server, the docs and the
// playground. Runs scripts/start.mjs on free ports, waits for its URL banner (no fixed sleeps), then
// asks each service for a real answer and stops it with SIGINT. Prints one pass/fail line.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const LIMIT_MS = 240_000
const child = spawn(process.execPath, ['scripts/start.mjs'], {
  cwd: root,
  env: { ...process.env, SERVER_PORT: '0', DOCS_PORT: '0', PLAYGROUND_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
let output = ''
const banner = new Promise((resolve, reject) => {
  child.stdout.on('data', (chunk) => {
    output += chunk
    if (output.includes('Ctrl-C to stop')) resolve(output)
  })
  exited.then(({ code }) => reject(new Error(`start exited early with code ${code}:\n${output}`)))
})
const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS)

const failures = []
let passed = 0
const check = (ok, what) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`)
  if (ok) passed++
  else failures.push(what)
}
try {
  const text = await banner
  const url = (label) => text.match(new RegExp(`${label}\\s+(http://[^/\\s?]+)`))?.[1] // scheme://host:port
  const server = url('realtime server')
  const docs = url('docs')
  const playground = url('playground')
  check(Boolean(server && docs && playground), 'start prints the server, docs and playground URLs')

  const login = await fetch(`${server}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid: 'smoke', authKey: 'demo-auth-key' }),
  })
  const body = await login.json()
  check(login.status === 200 && typeof body.authToken === 'string', 'the server logs a user in')

  const docsPage = await fetch(`${docs}/`)
  check(docsPage.status === 200 && (await docsPage.text()).includes('<html'), 'the docs site answers')
  const docsPlayground = await fetch(`${docs}/docs/playground`)
  check(docsPlayground.status === 200, 'the docs playground page answers')
  const app = await fetch(`${playground}/`)
  check(app.status === 200 && (await app.text()).includes('<script'), 'the standalone playground answers')

  child.kill('SIGINT')
  const { code } = await exited
  check(code === 0, 'SIGINT stops everything with exit code 0')
} catch (error) {
  check(false, String(error?.message ?? error))
  child.kill('SIGKILL')
} finally {
  clearTimeout(timer)
}
console.log(`smoke: ${passed} passed, ${failures.length} failed`)
process.exit(failures.length ? 1 : 0)
