// Starts a built server (a dist/cli.js) in its own process for a benchmark, on loopback, with the
// per-socket rate limit raised (the default 20 frames/s would measure the limiter, not the server).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'

/** This package's built bin. */
export const CURRENT_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

/**
 * @param {string} cli path of the bin to run
 * @param {string[]} extraArgs more flags
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, socketUrl: string, stop: () => Promise<void> }>}
 */
export function startServerProcess(cli = CURRENT_CLI, extraArgs = []) {
  const child = spawn(
    process.execPath,
    [
      cli,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--rate-limit',
      '1000000',
      '--rate-burst',
      '1000000',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (!match) return
      const url = match[1]
      const exited = new Promise((done) => child.once('exit', done))
      resolve({
        child,
        url,
        socketUrl: `${url.replace('http', 'ws')}/v1/ws?appId=demo-app`,
        stop: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
    child.once('exit', (code) =>
      reject(new Error(`server exited early (${code}); is ${cli} built? run pnpm build`)),
    )
  })
}

/** `POST /v1/login` with the development key; resolves the token. */
export async function login(url, uid) {
  const res = await fetch(`${url}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid, authKey: 'demo-auth-key' }),
  })
  if (res.status !== 200) throw new Error(`login ${uid}: ${res.status}`)
  return (await res.json()).authToken
}

/** Opens a socket; resolves once it is open. */
export function openSocket(socketUrl) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
