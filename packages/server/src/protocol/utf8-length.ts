/**
 * UTF-8 byte length of a string without allocating an encoded copy (frames may be large and many).
 * Lone surrogates count 3 bytes, as `TextEncoder` replaces them with U+FFFD.
 */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** Whether `text` is longer than `maxBytes` in UTF-8; cheap for the common short frame. */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  // Each UTF-16 unit is at most 3 UTF-8 bytes, and at least 1: most frames are decided without a scan.
  if (text.length * 3 <= maxBytes) return false
  if (text.length > maxBytes) return true
  return utf8Length(text) > maxBytes
}
