import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CloseCodes } from '@cometchat-connection/core'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCliArgs } from '../../src/cli/parse-cli-args.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function run(args: string[]) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "pnpm build" in packages/server first`)
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout)
      if (match?.[1]) resolve(match[1])
    })
    exited.then(() => reject(new Error(`the cli exited before listening: ${stderr}`)))
  })
  // Runs that are meant to fail never listen; only tests that await `url` care about its rejection.
  url.catch(() => {})
  return { child, exited, url, out: () => stdout, err: () => stderr }
}

describe('cometchat-connection-server bin', () => {
  it('starts, prints its URL, and on SIGTERM closes every client with 1001 then exits 0', async () => {
    const proc = run(['--port', '0', '--app-id', 'demo-app', '--auth-key', 'demo-auth-key'])
    const url = await proc.url
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { authToken } = await httpLogin(url, 'alice')
    const client = await TestClient.authed(`${url.replace('http', 'ws')}/v1/ws?appId=demo-app`, authToken)
    proc.child.kill('SIGTERM')
    expect((await client.closed).code).toBe(CloseCodes.GOING_AWAY)
    expect(await proc.exited).toBe(0)
    expect(proc.out()).toContain('SIGTERM')
  })

  it('SIGUSR2 (a restart) closes every client with 1012 then exits 0', async () => {
    const proc = run(['--port', '0'])
    const url = await proc.url
    const { authToken } = await httpLogin(url, 'alice')
    const client = await TestClient.authed(`${url.replace('http', 'ws')}/v1/ws?appId=demo-app`, authToken)
    proc.child.kill('SIGUSR2')
    expect(await client.closed).toEqual({ code: CloseCodes.SERVICE_RESTART, reason: 'server restarting' })
    expect(await proc.exited).toBe(0)
    expect(proc.out()).toContain('SIGUSR2: closing every socket with 1012')
  })

  it('SIGINT shuts down gracefully too', async () => {
    const proc = run(['--port', '0'])
    await proc.url
    proc.child.kill('SIGINT')
    expect(await proc.exited).toBe(0)
  })

  it('--help prints usage and exits 0', async () => {
    const proc = run(['--help'])
    expect(await proc.exited).toBe(0)
    expect(proc.out()).toContain('Usage: cometchat-connection-server')
    expect(proc.out()).toContain('--auth-key')
  })

  it('an unknown flag is a clear error with exit code 2', async () => {
    const proc = run(['--prot', '4455'])
    expect(await proc.exited).toBe(2)
    expect(proc.err()).toContain("Unknown option '--prot'")
    expect(proc.err()).toContain('Usage:')
  })

  it('a bad value is a clear error with exit code 2', async () => {
    const proc = run(['--port', 'abc'])
    expect(await proc.exited).toBe(2)
    expect(proc.err()).toContain('--port must be a whole number')
  })

  it('the built bin keeps its shebang', async () => {
    const { readFile } = await import('node:fs/promises')
    expect((await readFile(cli, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})

describe('parseCliArgs', () => {
  it('maps flags to startServer options, defaulting to port 4455', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { port: 4455 } })
    expect(
      parseCliArgs([
        '-p',
        '0',
        '--host',
        '0.0.0.0',
        '--idle-timeout',
        '30000',
        '--rate-limit',
        '50',
        '--rate-burst',
        '100',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 0,
        host: '0.0.0.0',
        idleTimeoutMs: 30_000,
        rateLimit: { framesPerSecond: 50, burst: 100 },
      },
    })
  })

  it('maps the inbox and admission flags; 0 turns admission control off', () => {
    expect(
      parseCliArgs([
        '--inbox-max-events',
        '50',
        '--inbox-max-age',
        '60000',
        '--max-handshakes-per-second',
        '0',
      ]),
    ).toEqual({
      kind: 'run',
      options: { port: 4455, inboxMaxEvents: 50, inboxMaxAgeMs: 60_000, maxHandshakesPerSecond: 0 },
    })
  })

  it('--redis (or COMETCHAT_REDIS_URL, which the flag overrides) keeps everything in Redis', () => {
    expect(parseCliArgs(['--redis', 'redis://127.0.0.1:6379', '--presence-ttl', '3000'])).toEqual({
      kind: 'run',
      options: { port: 4455, redis: { url: 'redis://127.0.0.1:6379', presenceTtlMs: 3000 } },
    })
    expect(parseCliArgs(['--redis-prefix', 'chat:'], { COMETCHAT_REDIS_URL: 'redis://db:6379/2' })).toEqual({
      kind: 'run',
      options: { port: 4455, redis: { url: 'redis://db:6379/2', prefix: 'chat:' } },
    })
    expect(parseCliArgs(['--redis', 'redis://a:1'], { COMETCHAT_REDIS_URL: 'redis://b:2' })).toMatchObject({
      options: { redis: { url: 'redis://a:1' } },
    })
    expect(parseCliArgs([], { COMETCHAT_REDIS_URL: '' })).toEqual({ kind: 'run', options: { port: 4455 } })
  })

  it.each([
    [['--redis', 'localhost:6379'], 'redis:// or rediss:// URL'],
    [['--presence-ttl', '1000'], 'need --redis'],
    [['--inbox-max-events', '0'], 'greater than 0'],
    [['--port', '70000'], '0-65535'],
    [['--idle-timeout', '0'], 'greater than 0'],
    [['--app-id', ''], 'must not be empty'],
    [['stray'], 'positional'],
    [['--port'], 'argument missing'],
  ])('%j → error mentioning %s', (args, message) => {
    const result = parseCliArgs(args)
    expect(result.kind).toBe('error')
    expect(result.kind === 'error' && result.message).toContain(message)
  })
})
