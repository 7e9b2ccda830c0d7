// Checks the README's first command as a user runs it: `pnpm start` in a terminal, then Ctrl-C.
// Runs `pnpm start` on free ports in its own process group (as a terminal does), waits for its URL
// banner (no fixed sleeps), asks each service for a real answer, sends the static sites bad requests
// (path traversal, malformed percent-encoding) that must get a 400/404 and leave everything running,
// then sends SIGINT to the whole group, as Ctrl-C does: pnpm must exit with 0 and print no ELIFECYCLE.
// A second run is stopped with Ctrl-C while it is still building. Prints one pass/fail line.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// A deadline, not a wait: in the test command the builds are cached (seconds); standalone on a busy
// 2-core machine a cold build of everything took close to 4 min.
const LIMIT_MS = 480_000

/** `pnpm start` in a new process group; `output` grows, `waitFor(text)` resolves once it appears. */
function pnpmStart() {
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    env: { ...process.env, SERVER_PORT: '0', DOCS_PORT: '0', PLAYGROUND_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const run = { output: '', errors: '' }
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const waiters = []
  const wake = () => {
    for (const waiter of [...waiters]) {
      if (!run.output.includes(waiter.text)) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
  const signal = (name) => {
    try {
      process.kill(-child.pid, name)
    } catch {} // the group is gone already
  }
  child.stdout.on('data', (chunk) => {
    run.output += chunk
    wake()
  })
  child.stderr.on('data', (chunk) => {
    run.errors += chunk
  })
  const timer = setTimeout(() => signal('SIGKILL'), LIMIT_MS)
  exited.then(() => clearTimeout(timer))
  return Object.assign(run, {
    exited,
    /** Resolves with the output once it contains `text`; rejects if start exits first. */
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        waiters.push({ text, resolve: () => resolve(run.output) })
        wake()
        exited.then(({ code, signal }) =>
          reject(
            new Error(
              `start exited (${signal ?? code}) before printing "${text}":\n${run.output}${run.errors}`,
            ),
          ),
        )
      }),
    /** Ctrl-C: SIGINT to the whole process group (pnpm, node, turbo and its tasks). */
    interrupt: () => signal('SIGINT'),
    kill: () => signal('SIGKILL'),
  })
}

const failures = []
let passed = 0
const check = (ok, what) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`)
  if (ok) passed++
  else failures.push(what)
}
const endedByCtrlC = (run, { code }, when) => {
  check(code === 0, `Ctrl-C ${when} ends pnpm start with exit code 0 (got ${code})`)
  check(!/ELIFECYCLE/.test(run.output + run.errors), `Ctrl-C ${when} prints no ELIFECYCLE`)
}

const first = pnpmStart()
let second
try {
  const text = await first.waitFor('Ctrl-C to stop')
  const { rawRequest } = await import('../packages/test-kit/dist/raw-request.js') // built by start
  check(
    ['1/3 building', '1/3 done', '2/3 building', '2/3 done', '3/3 building', '3/3 done'].every((s) =>
      text.includes(`[start] ${s}`),
    ),
    'start reports each build step as it begins and ends',
  )
  const url = (label) => text.match(new RegExp(`${label}\\s+(http://[^/\\s?]+)`))?.[1] // scheme://host:port
  const server = url('realtime server')
  const docs = url('docs')
  const playground = url('playground')
  check(Boolean(server && docs && playground), 'start prints the server, docs and playground URLs')

  const login = async () => {
    const response = await fetch(`${server}/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: 'demo-app', uid: 'smoke', authKey: 'demo-auth-key' }),
      signal: AbortSignal.timeout(5_000),
    })
    return response.status === 200 && typeof (await response.json()).authToken === 'string'
  }
  check(await login(), 'the server logs a user in')

  const docsPage = await fetch(`${docs}/`)
  check(docsPage.status === 200 && (await docsPage.text()).includes('<html'), 'the docs site answers')
  const docsPlayground = await fetch(`${docs}/docs/playground`)
  check(docsPlayground.status === 200, 'the docs playground page answers')
  const app = await fetch(`${playground}/`)
  check(app.status === 200 && (await app.text()).includes('<script'), 'the standalone playground answers')

  for (const site of [docs, playground]) {
    const port = Number(new URL(site).port)
    const traversal = await rawRequest(port, `/${'..%2f'.repeat(12)}etc%2fpasswd`)
    check(
      [400, 404].includes(traversal.status) && !traversal.body.includes('root:'),
      `${site}: a path traversal (..%2f) gets ${traversal.status}, not a file outside the site`,
    )
    const malformed = await rawRequest(port, '/%E0%A4%A')
    check(malformed.status === 400, `${site}: malformed percent-encoding gets 400 (got ${malformed.status})`)
  }
  const again = await fetch(`${docs}/docs/playground`)
  check(
    again.status === 200 && (await login()),
    'after the bad requests the sites and the server still answer',
  )

  first.interrupt()
  endedByCtrlC(first, await first.exited, 'after start-up')
  check(first.output.includes('[start] stopped'), 'start says it stopped')

  second = pnpmStart()
  await second.waitFor('[start] 1/3 building')
  second.interrupt()
  endedByCtrlC(second, await second.exited, 'while building')
} catch (error) {
  check(false, String(error?.message ?? error))
  first.kill()
  second?.kill()
}
console.log(`smoke: ${passed} passed, ${failures.length} failed`)
process.exit(failures.length ? 1 : 0)
