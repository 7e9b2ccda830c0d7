// Server-to-client WebSocket text frames (RFC 6455 §5.2: FIN, opcode 1, no mask), encoded ahead of
// time so a pushing server writes bytes and never becomes what the inbound scenario measures.

/** @param {string} text @returns {Buffer} one unmasked text frame */
export function textFrame(text) {
  const payload = Buffer.from(text, 'utf8')
  const n = payload.length
  const header = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  header[0] = 0x81
  if (n < 126) header[1] = n
  else if (n < 65536) {
    header[1] = 126
    header.writeUInt16BE(n, 2)
  } else {
    header[1] = 127
    header.writeBigUInt64BE(BigInt(n), 2)
  }
  return Buffer.concat([header, payload])
}

/**
 * The chat message of the inbound scenario, number `i`: the same fields for every library.
 * @param {number} i @param {string} receiver
 */
export function benchMessage(i, receiver) {
  return { id: `m${i}`, sender: 'bob', receiver, text: `hello ${i}`, sentAt: 1_700_000_000_000 + i }
}
