import { describe, expect, it } from 'vitest'
import type { PlatformOptions, WebSocketConstructorLike } from '../types.js'

describe('public types accept the WebSockets users have', () => {
  it("the browser's WebSocket type fits platform.WebSocket without a cast (tsc checks this file)", () => {
    // A compile-time check: this file fails `tsc` if the DOM WebSocket stops being assignable.
    const fromBrowser = (ctor: typeof globalThis.WebSocket): WebSocketConstructorLike => ctor
    const platform: PlatformOptions = { WebSocket: globalThis.WebSocket }
    expect(typeof fromBrowser).toBe('function')
    expect(platform.WebSocket).toBe(globalThis.WebSocket)
  })
})
