import { connect } from 'node:net'

/** What a raw HTTP/1.1 exchange gave back. */
export interface RawResponse {
  /** The status code, or 0 when the connection ended before a status line. */
  readonly status: number
  /** Everything after the header block (a cut-off body is whatever arrived). */
  readonly body: string
  /** The response ended early: a socket error, no complete header block, or a body short of its content-length. */
  readonly cutOff: boolean
}

/**
 * Sends one request over a plain TCP socket, with the target exactly as given: no client-side URL
 * normalisation (fetch and http.get would resolve `..` or re-encode the path before sending it).
 * Gives up after 5 s of silence.
 */
export function rawRequest(port: number, target: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    // A server that never answers must fail the test quickly, not hang it (it reads as cut off).
    socket.setTimeout(5_000, () => socket.destroy())
    const chunks: Buffer[] = []
    let cutOff = false
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', () => {
      cutOff = true
    })
    socket.on('close', () => {
      const raw = Buffer.concat(chunks)
      const split = raw.indexOf('\r\n\r\n')
      const head = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1')
      const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1]
      if (split < 0 || (length !== undefined && body.length < Number(length))) cutOff = true
      resolve({ status, body: body.toString('utf8'), cutOff })
    })
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
  })
}
