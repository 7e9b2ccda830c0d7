import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCodes } from '@cometchat-connection/core'
import { failure } from '../protocol/http-api.js'
import type { HttpResponse } from '../protocol/http-types.js'
import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'

function write(res: ServerResponse, response: HttpResponse, extra: Record<string, string> = {}): void {
  if (res.headersSent) return
  const body = response.body === null ? '' : JSON.stringify(response.body)
  res.writeHead(response.status, {
    ...response.headers,
    ...extra,
    'content-length': String(Buffer.byteLength(body)),
  })
  res.end(body)
}

function tooLarge(max: number): HttpResponse {
  return failure(413, ErrorCodes.INVALID_ARGUMENT, `The body is larger than ${max} bytes.`)
}

/**
 * The `node:http` request listener: reads the body (bounded by `maxHttpBodyBytes`), hands the request
 * to the core's HTTP API and writes its answer. Every route, status and CORS header comes from the core.
 */
export function createHttpHandler(
  core: RealtimeServerCore,
): (req: IncomingMessage, res: ServerResponse) => void {
  const max = core.limits.maxHttpBodyBytes
  return (req, res) => {
    req.on('error', () => res.destroy())
    if (Number(req.headers['content-length'] ?? 0) > max) {
      // Answer before reading, and close: draining a huge upload would cost what the limit protects.
      write(res, tooLarge(max), { connection: 'close' })
      res.on('finish', () => req.destroy())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > max) {
        refused = true
        write(res, tooLarge(max), { connection: 'close' })
        res.on('finish', () => req.destroy())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      const headers: Record<string, string | undefined> = {}
      for (const [name, value] of Object.entries(req.headers))
        headers[name] = Array.isArray(value) ? value.join(', ') : value
      core
        .handleHttp({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          body: Buffer.concat(chunks).toString('utf8'),
          headers,
        })
        .then(
          (response) => write(res, response),
          (error: unknown) =>
            write(res, failure(500, ErrorCodes.SERVER_ERROR, `The server failed: ${String(error)}`)),
        )
    })
  }
}
