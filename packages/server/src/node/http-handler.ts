import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCodes } from '@cometchat-connection/core'
import { failure } from '../protocol/http-api.js'
import type { HttpResponse } from '../protocol/http-types.js'
import type { RealtimeServerCore } from '../protocol/realtime-server-core.js'

/**
 * Bytes of an oversized body read and thrown away after the 413, so a client still uploading can finish
 * and then read the answer. Cutting it off at once would reset the connection under it, and it would
 * see a reset instead of the 413. An upload larger than the limit plus this is cut.
 */
export const MAX_DISCARDED_BODY_BYTES = 1024 * 1024

function write(res: ServerResponse, response: HttpResponse): void {
  if (res.headersSent) return
  const body = response.body === null ? '' : JSON.stringify(response.body)
  res.writeHead(response.status, {
    ...response.headers,
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
 *
 * A body over the limit (announced by `content-length` or found while reading a chunked one) is answered
 * with 413 at once; the rest of the upload is read and discarded (up to {@link MAX_DISCARDED_BODY_BYTES})
 * and the connection stays usable, so the client gets the answer instead of a reset.
 */
export function createHttpHandler(
  core: RealtimeServerCore,
): (req: IncomingMessage, res: ServerResponse) => void {
  const max = core.limits.maxHttpBodyBytes
  return (req, res) => {
    req.on('error', () => res.destroy())
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    const refuse = () => {
      refused = true
      chunks.length = 0
      write(res, tooLarge(max))
    }
    if (Number(req.headers['content-length'] ?? 0) > max) refuse()
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (refused) {
        if (size > max + MAX_DISCARDED_BODY_BYTES) req.socket.destroy()
        return
      }
      if (size > max) refuse()
      else chunks.push(chunk)
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
