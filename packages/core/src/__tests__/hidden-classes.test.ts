import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { AppSettingsBuilder } from '../settings.js'

// V8's own answer to "do these objects share a hidden class?". A process running thousands of
// engines (bots, bridges, load tests) builds settings per engine: a hidden class each costs about
// 450 B per engine and makes every settings read in the machine see a new shape.
setFlagsFromString('--allow-natives-syntax')
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean

describe('hidden classes', () => {
  it('settings built by AppSettingsBuilder share one hidden class, whatever their values', () => {
    const built = Array.from({ length: 20 }, (_, i) =>
      new AppSettingsBuilder()
        .setServerUrl(`http://127.0.0.1:${4000 + i}`)
        .setHeartbeatInterval(1_000 + i)
        .build(),
    )
    expect(built.every((s) => sameHiddenClass(s, built[0]!))).toBe(true)
    expect(Object.isFrozen(built[0])).toBe(true)
  })
})
