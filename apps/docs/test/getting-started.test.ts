// The getting-started guide's Node sample must run as written: its own code block is written into a
// new `npm init -y` project (CommonJS by default) in a temp folder, whose node_modules link to this
// workspace's built core and to `ws` (no registry download), and run with this Node against a real
// server. A second user, bob, is logged in with a real engine and must receive the sample's message.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ConnectionEngine, TextMessage } from '@cometchat-connection/core'
import { realEngineKit, startTestServer, type TestServer } from '@cometchat-connection/test-kit'
import { afterEach, describe, expect, it } from 'vitest'

const guide = readFileSync(new URL('../docs/getting-started.mdx', import.meta.url), 'utf8')
const FILE = 'first-connection.mjs'
const GUIDE_URL = 'http://127.0.0.1:4455'

/** The guide's code block titled `first-connection.mjs`, exactly as the page shows it. */
function sample(): string {
  const block = /```js title="first-connection\.mjs"\n([\s\S]*?)\n```/.exec(guide)?.[1]
  if (!block) throw new Error(`getting-started.mdx has no \`\`\`js title="${FILE}" block`)
  return block
}

/** Folder of an installed package, resolved the way the workspace resolves it. */
function packageDir(name: string, from = import.meta.url): string {
  return dirname(createRequire(from).resolve(`${name}/package.json`))
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A new npm project in a temp folder that resolves core and ws from this workspace. */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'getting-started-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' })
  mkdirSync(join(dir, 'node_modules', '@cometchat-connection'), { recursive: true })
  const core = packageDir('@cometchat-connection/core')
  const ws = packageDir('ws', pathToServerPackage())
  symlinkSync(core, join(dir, 'node_modules', '@cometchat-connection', 'core'), 'dir')
  symlinkSync(ws, join(dir, 'node_modules', 'ws'), 'dir')
  return dir
}
const pathToServerPackage = () => join(packageDir('@cometchat-connection/server'), 'package.json')

/** Resolves once `read()` holds, checked on every `onChange`; rejects when the sample exits first. */
function until(
  child: ChildProcess,
  read: () => boolean,
  onChange: (check: () => void) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => read() && resolve()
    onChange(check)
    child.once('exit', (code) => reject(new Error(`the sample exited (code ${code}) before it was done`)))
    check()
  })
}

describe('getting started: the Node sample', () => {
  it('says what Node 20 needs: an ES module file and ws', () => {
    expect(sample()).toContain("import { WebSocket } from 'ws'")
    expect(sample()).toContain('platform: { WebSocket }')
    expect(guide).toContain('npm install ws')
    expect(guide).toContain(`Save this as \`${FILE}\``)
  })

  it('sends right after login: no hand-written wait for `connected` (sendMessage waits for the connection)', () => {
    const code = sample()
    expect(code).not.toMatch(/getConnectionStatus|\.subscribe\(|untilConnected/)
    // Only a comment may stand between the login and the send.
    expect(code).toMatch(
      /await engine\.login\('alice', 'demo-auth-key'\)\n\n(?:\/\/.*\n)*const sent = await engine\.sendMessage\(/,
    )
  })

  it('states the delivery guarantee and links to its page', () => {
    const link = /\[delivery guarantees\]\(\.\/concepts\/delivery\.md\)/
    const sentence = guide.split('\n\n').find((p) => link.test(p))
    expect(sentence).toMatch(/exactly once and in order/)
    expect(existsSync(new URL('../docs/concepts/delivery.md', import.meta.url))).toBe(true)
  })

  it('runs as written in a new npm project against a real server; bob receives its message', async () => {
    const code = sample()
    expect(code.split(GUIDE_URL)).toHaveLength(2) // the one server URL, replaced by the test server's
    const server: TestServer = await startTestServer()
    cleanups.push(() => server.close())

    const bobInbox: TextMessage[] = []
    const bob: ConnectionEngine = realEngineKit(server).create()
    cleanups.push(() => bob.destroy())
    bob.addMessageListener('inbox', { onTextMessageReceived: (m) => bobInbox.push(m) })
    await bob.login('bob', server.authKey)

    const dir = scratchProject()
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    expect(manifest.type ?? 'commonjs').toBe('commonjs') // what npm init -y writes: the reason for .mjs
    writeFileSync(join(dir, FILE), code.replace(GUIDE_URL, server.url))

    const child = spawn(process.execPath, [FILE], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    cleanups.push(() => child.kill('SIGKILL'))
    let stdout = ''
    let stderr = ''
    const checks: Array<() => void> = []
    const changed = () => {
      for (const check of checks) check()
    }
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      changed()
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      changed()
    })
    bob.addMessageListener('test', { onTextMessageReceived: changed })
    await until(
      child,
      () => stdout.includes('sent to bob: hello') && bobInbox.length > 0,
      (check) => checks.push(check),
    )

    const lines = stdout.trim().split('\n')
    expect(lines.indexOf('connecting')).toBeGreaterThanOrEqual(0)
    expect(lines.indexOf('connected')).toBeGreaterThan(lines.indexOf('connecting'))
    expect(lines.indexOf('sent to bob: hello')).toBeGreaterThan(lines.indexOf('connected'))
    expect(bobInbox.map((m) => [m.sender, m.receiver, m.text])).toEqual([['alice', 'bob', 'hello']])
    expect(stderr).toBe('') // no connection errors, no warnings from Node
    expect(child.exitCode).toBeNull() // it stays connected, as the guide says
  }, 30_000)
})
