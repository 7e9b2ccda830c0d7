import { describe, expect, it } from 'vitest'
import { ClientStreamScanner } from '../src/client-stream-scanner.js'

const UPGRADE =
  'GET /v1/ws?appId=chaos-app HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'

/** A masked client frame (the mask is zeros, which is allowed and keeps the payload readable). */
function frame(opcode: number, payloadLength: number): Buffer {
  const head =
    payloadLength < 126
      ? Buffer.from([0x80 | opcode, 0x80 | payloadLength])
      : payloadLength < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, payloadLength >> 8, payloadLength & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), Buffer.alloc(8)])
  if (payloadLength >= 65536) head.writeBigUInt64BE(BigInt(payloadLength), 2)
  return Buffer.concat([head, Buffer.alloc(4), Buffer.alloc(payloadLength, 0x61)])
}

describe('ClientStreamScanner', () => {
  it('tells the engine’s WebSocket upgrade from an HTTP request', () => {
    const ws = new ClientStreamScanner()
    ws.feed(Buffer.from(UPGRADE))
    expect(ws.kind).toBe('websocket')
    const http = new ClientStreamScanner()
    http.feed(Buffer.from('POST /v1/login HTTP/1.1\r\ncontent-length: 2\r\n\r\n{}'))
    expect(http.kind).toBe('http')
  })

  it('finds the close frame after text frames of every length form, fed a byte at a time', () => {
    const scanner = new ClientStreamScanner()
    const bytes = Buffer.concat([
      Buffer.from(UPGRADE),
      frame(1, 10),
      frame(1, 300),
      frame(1, 70000),
      frame(8, 2),
    ])
    const closeAt = bytes.length - frame(8, 2).length
    for (let i = 0; i < bytes.length; i++) {
      scanner.feed(bytes.subarray(i, i + 1))
      expect(scanner.closeSent).toBe(i >= closeAt + 5) // its head: 2 bytes and the 4-byte mask
      if (i === 0) expect(scanner.kind).toBe('unknown')
    }
  })

  it('does not take a payload byte that looks like a close opcode for a close frame', () => {
    const scanner = new ClientStreamScanner()
    const text = frame(1, 5)
    text.fill(0x88, 6) // payload bytes equal to a close frame's first byte
    scanner.feed(Buffer.concat([Buffer.from(UPGRADE), text, frame(9, 0)]))
    expect(scanner.closeSent).toBe(false)
  })
})
