import { CloseCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { RealtimeServerCore, type RealtimeServerCoreOptions } from '../../src/browser.js'
import { exceedsUtf8Bytes, utf8Length } from '../../src/protocol/utf8-length.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser } from '../helpers/fake-connection.js'

// The protocol's limits at their exact edges, in the session itself (the in-memory transport has no
// `maxPayload` of `ws` in front of it: the session's check is the only one).

function setup(options: RealtimeServerCoreOptions = {}) {
  const clock = new FakeClock()
  return { clock, core: new RealtimeServerCore({ clock, ...options }) }
}

/** A ping frame of exactly `bytes` UTF-8 bytes, its id made of `char` (1, 2, 3 or 4 bytes each). */
function pingOf(bytes: number, char = 'x'): string {
  const frame = (id: string) => JSON.stringify({ type: 'ping', id })
  const per = utf8Length(char)
  const fill = bytes - utf8Length(frame(''))
  const text = frame(char.repeat(Math.floor(fill / per)) + 'x'.repeat(fill % per))
  expect(utf8Length(text)).toBe(bytes)
  return text
}

describe('frame size: maxFrameBytes is the largest frame accepted, in UTF-8 bytes', () => {
  for (const char of ['x', 'é', '€', '😀']) {
    it(`a frame of exactly the limit is answered; one byte more closes 1009 (${char})`, async () => {
      const { core } = setup({ maxFrameBytes: 200 })
      const alice = await connectUser(core, 'alice')
      alice.conn.handlers.onText(pingOf(200, char))
      expect(alice.conn.ofType('pong')).toHaveLength(1)
      expect(alice.conn.closed).toBeNull()
      alice.conn.handlers.onText(pingOf(201, char))
      expect(alice.conn.closed?.code).toBe(CloseCodes.FRAME_TOO_LARGE)
      expect(alice.conn.ofType('pong')).toHaveLength(1)
    })
  }

  it('utf8Length and exceedsUtf8Bytes agree with TextEncoder, lone surrogates as 3 bytes', () => {
    // Each range's first and last code unit, pairs and lone halves, at the start, middle and end.
    const samples = [
      '',
      'a',
      '\u007f',
      '\u0080',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      'é',
      '€',
      '😀',
      'a😀é€',
      '\ud800\udc00',
      '\udbff\udfff',
      '\ud800',
      '\udbff',
      '\udc00',
      '\udfff',
      '\ud800x',
      'x\ud800',
      '\ud800\ud800',
      '\udc00\udc00',
      '\ud83d\ude00\ud83d',
      '\ud800\ue000',
      '\ud800\ud7ff',
      // A 3-byte character before a lone low half: not a pair (the half counts 3 bytes on its own).
      '\u0800\udc00',
      '€\udfff',
      '\ud7ff\udc00',
    ]
    for (const s of samples) {
      const bytes = new TextEncoder().encode(s).length
      expect(utf8Length(s), JSON.stringify(s)).toBe(bytes)
      expect(exceedsUtf8Bytes(s, bytes)).toBe(false)
      if (bytes > 0) expect(exceedsUtf8Bytes(s, bytes - 1)).toBe(true)
    }
    // The shortcuts: a string whose every unit could be 3 bytes and still fit; one longer than the limit.
    expect(exceedsUtf8Bytes('€€', 6)).toBe(false)
    expect(exceedsUtf8Bytes('€€', 5)).toBe(true)
    expect(exceedsUtf8Bytes('abcdef', 5)).toBe(true)
    expect(exceedsUtf8Bytes('abc', 3)).toBe(false)
  })
})

describe('rate limit: a throttle episode lasts until the bucket is full again, not one token', () => {
  it('frames a token after the notice are still in the episode: no second notice, the drops add up', async () => {
    const { core, clock } = setup({ rateLimit: { framesPerSecond: 10, burst: 5, maxDroppedFrames: 6 } })
    const alice = await connectUser(core, 'alice') // the auth frame took one token: 4 left
    for (let i = 0; i < 7; i++) alice.conn.sendFrame({ type: 'ping', id: `a${i}` }) // 4 answered, 3 dropped
    expect(alice.conn.ofType('throttle')).toHaveLength(1)
    clock.advance(100) // one token back: the bucket is far from full
    alice.conn.sendFrame({ type: 'ping', id: 'b0' }) // takes it
    expect(alice.conn.ofType('pong').map((f) => f.id)).toContain('b0')
    for (let i = 1; i < 4; i++) alice.conn.sendFrame({ type: 'ping', id: `b${i}` }) // 3 more dropped: 6 in all
    expect(alice.conn.ofType('throttle')).toHaveLength(1)
    expect(alice.conn.closed).toBeNull()
    alice.conn.sendFrame({ type: 'ping', id: 'b4' }) // the 7th drop of the same episode
    expect(alice.conn.closed?.code).toBe(CloseCodes.RATE_LIMITED)
  })

  it('after a full refill a new episode starts: a new notice, the drop count from zero', async () => {
    const { core, clock } = setup({ rateLimit: { framesPerSecond: 10, burst: 5, maxDroppedFrames: 6 } })
    const alice = await connectUser(core, 'alice')
    for (let i = 0; i < 9; i++) alice.conn.sendFrame({ type: 'ping', id: `a${i}` }) // 5 dropped
    clock.advance(500) // full again
    for (let i = 0; i < 10; i++) alice.conn.sendFrame({ type: 'ping', id: `b${i}` }) // 5 answered, 5 dropped
    expect(alice.conn.ofType('throttle')).toHaveLength(2)
    expect(alice.conn.closed).toBeNull()
  })
})
