/**
 * `bytes` random bytes as lowercase hex, from the Web Crypto API (`globalThis.crypto`, present in
 * browsers and Node ≥ 19), so the protocol code needs no `node:crypto` import.
 */
export function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(buffer)
  let hex = ''
  for (const byte of buffer) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** Bytes of randomness in an auth token: 256 bits, well above the 128-bit floor for unguessable secrets. */
export const TOKEN_BYTES = 32

/** A new unguessable auth token (64 hex characters). */
export function newAuthToken(): string {
  return randomHex(TOKEN_BYTES)
}
