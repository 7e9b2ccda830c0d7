const EMPTY = Buffer.alloc(0)
/** More header bytes than this without a blank line: not a request we need to look into. */
const MAX_HEAD_BYTES = 16 * 1024
const OPCODE_CLOSE = 0x8

/**
 * Reads what a client sends through the proxy, as it arrives (whether or not it is forwarded): is the
 * connection the engine's WebSocket (an upgrade to `/v1/ws`) or an HTTP request, and has the client
 * sent its close frame yet? A WebSocket whose client sent its close frame (or closed the TCP
 * connection) is no longer "open or opening" in SPEC I1's sense, even while the proxy holds the frame.
 */
export class ClientStreamScanner {
  /** What the connection carries, once its first request's head arrived. */
  kind: 'unknown' | 'websocket' | 'http' = 'unknown'
  /** The client sent a WebSocket close frame. */
  closeSent = false
  private pending: Buffer = EMPTY
  /** Payload bytes of the current frame still to skip. */
  private skip = 0

  /** Feeds the next bytes from the client. */
  feed(chunk: Buffer): void {
    if (this.kind === 'http' || this.closeSent) return
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = EMPTY
    if (this.kind === 'unknown') {
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) {
        if (data.length > MAX_HEAD_BYTES) this.kind = 'http'
        else this.pending = Buffer.from(data)
        return
      }
      const head = data.subarray(0, end).toString('latin1')
      this.kind =
        /^GET \/v1\/ws[?\s]/.test(head) && /\r\nupgrade:\s*websocket/i.test(head) ? 'websocket' : 'http'
      if (this.kind === 'http') return
      data = data.subarray(end + 4)
    }
    let i = 0
    while (i < data.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length - i)
        this.skip -= n
        i += n
        continue
      }
      const rest = data.length - i
      if (rest < 2) break
      const b0 = data[i]!
      const b1 = data[i + 1]!
      let length = b1 & 0x7f
      let head = 2
      if (length === 126) {
        if (rest < 4) break
        length = data.readUInt16BE(i + 2)
        head = 4
      } else if (length === 127) {
        if (rest < 10) break
        length = Number(data.readBigUInt64BE(i + 2))
        head = 10
      }
      if (b1 & 0x80) head += 4 // the client's masking key
      if (rest < head) break
      if ((b0 & 0x0f) === OPCODE_CLOSE) {
        this.closeSent = true
        return
      }
      i += head
      this.skip = length
    }
    this.pending = i < data.length ? Buffer.from(data.subarray(i)) : EMPTY
  }
}
