import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from '../../src/index.js'
import { useServers } from '../helpers/server-fixture.js'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

const start = useServers()

interface UploadResult {
  status: number
  body: unknown
  /** Whether the server cut the connection before the whole body was sent. */
  cut: boolean
}

/**
 * Uploads `size` bytes to `url` with node:http (a real client), announced by content-length or chunked:
 * the first 64 KiB, then (once the server's answer has arrived, as it does early for a body over the
 * limit) the rest. So the client is still uploading after the answer whatever the kernel's buffers hold.
 * Resolves once the answer is read and the upload either finished or was cut; rejects when no answer
 * could be read.
 */
function upload(url: string, size: number, chunked: boolean): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (chunked) headers['transfer-encoding'] = 'chunked'
    else headers['content-length'] = String(size)
    let answer: { status: number; body: unknown } | null = null
    let uploaded: boolean | null = null
    const settle = () => {
      if (answer && uploaded !== null) resolve({ ...answer, cut: !uploaded })
    }
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, body: JSON.parse(text) }
        // One write: node:http stops relaying 'drain' once the response has ended.
        req.end(Buffer.alloc(size - first, 'x'))
        settle()
      })
    })
    req.on('finish', () => {
      uploaded = true
      settle()
    })
    req.on('error', (error) => {
      uploaded = false
      if (answer) settle()
      else reject(error)
    })
    // Closed without finishing and without an error: the connection ended under the upload.
    req.on('close', () => {
      if (uploaded !== null) return
      uploaded = false
      settle()
    })
    const first = Math.min(size, 64 * 1024)
    req.write(Buffer.alloc(first, 'x'))
  })
}

describe('oversized HTTP bodies', () => {
  it.each([
    ['announced by content-length', false],
    ['chunked, without content-length', true],
  ])('a 512 KiB body %s gets the 413 JSON answer, not a reset mid-upload', async (_what, chunked) => {
    const server = await start({ maxHttpBodyBytes: 1024 })
    const answer = await upload(`${server.url}/v1/login`, 512 * 1024, chunked)
    expect(answer).toEqual({
      status: 413,
      body: { error: { code: ErrorCodes.INVALID_ARGUMENT, message: 'The body is larger than 1024 bytes.' } },
      cut: false,
    })
    // The server is fine afterwards.
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200)
  })

  it('an upload far beyond the limit (past 1 MiB of discarding) still gets its 413, then is cut off', async () => {
    const server = await start({ maxHttpBodyBytes: 1024 })
    const answer = await upload(`${server.url}/v1/login`, 64 * 1024 * 1024, false)
    expect(answer).toMatchObject({ status: 413, cut: true })
  })
})

/** Opens a raw TCP connection; resolves once connected, with what it receives and a promise of its close. */
function rawConnection(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = connect(port, '127.0.0.1')
    socket.setEncoding('utf8')
    socket.on('data', (data: string) => {
      received += data
    })
    socket.on('error', () => {})
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.once('connect', () => resolve({ socket, received: () => received, closed }))
    socket.once('error', reject)
  })
}

describe('slow clients and the connection cap', () => {
  it('a client sending its headers byte by byte (slowloris) gets 408 and is cut off after headersTimeoutMs', async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 200 })
    const { socket, received, closed } = await rawConnection(server.port)
    socket.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
    // One byte every 20 ms: 2,000 bytes would take 40 s; the server must end it long before.
    let trickled = 0
    const trickle = setInterval(() => {
      if (trickled < 2_000 && !socket.destroyed) {
        socket.write('a')
        trickled++
      }
    }, 20)
    try {
      await closed
    } finally {
      clearInterval(trickle)
    }
    expect(trickled).toBeLessThan(2_000)
    expect(received()).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('a WebSocket outlives the HTTP timeouts: they bound the upgrade request, not the socket', async () => {
    const server = await start({
      headersTimeoutMs: 100,
      requestTimeoutMs: 100,
      idleTimeoutMs: 1_000,
      serverPingAfterMs: 400,
    })
    const client = await TestClient.authed(server.socketUrl, (await httpLogin(server.url, 'alice')).authToken)
    // The server's ping comes after 400 ms of silence: four request timeouts later, the socket still works.
    const ping = await client.waitFor((f) => f.type === 'ping', 'server ping')
    client.send({ type: 'pong', id: (ping as { id: string }).id })
    client.send({ type: 'ping', id: 'still here' })
    await client.waitFor((f) => f.type === 'pong', 'pong')
    expect(client.ws.readyState).toBe(client.ws.OPEN)
    await client.close()
  })

  it('connections over maxConnections are dropped as they come; below it they are served', async () => {
    const server = await start({ maxConnections: 2 })
    const first = await rawConnection(server.port)
    const second = await rawConnection(server.port)
    const third = await rawConnection(server.port)
    await third.closed
    expect(third.received()).toBe('')
    first.socket.end('GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    await first.closed
    expect(first.received()).toMatch(/^HTTP\/1\.1 200 /)
    second.socket.destroy()
    await second.closed
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200)
  })

  it('defaults: headers within 10 s, the whole request within 30 s, 10,000 connections', () => {
    expect([DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS]).toEqual([
      10_000, 30_000, 10_000,
    ])
  })

  it.each([
    ['headersTimeoutMs', { headersTimeoutMs: 0 }],
    ['headersTimeoutMs', { headersTimeoutMs: 1.5 }],
    ['requestTimeoutMs', { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }],
    ['maxConnections', { maxConnections: 0 }],
  ])('a bad %s is refused with ERR_INVALID_ARGUMENT naming it', async (name, options) => {
    await expect(start(options)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: expect.stringContaining(`Invalid ${name}`),
    })
  })
})
