import { describe, expect, it } from 'vitest'
import { CometChatException } from '../../errors.js'
import { SERVER_SNAPSHOT } from '../../snapshot.js'
import { recentIds } from '../recent-ids.js'
import { errorFromWire, errorToWire, snapshotFromWire, snapshotToWire } from '../wire.js'

// What crosses between tabs is plain data: errors and snapshots are flattened on one side and rebuilt on
// the other; message ids are remembered, boundedly.

describe('errors across tabs', () => {
  it('a CometChatException keeps its code, message and plain details; an Error inside them keeps name and message', () => {
    const original = new CometChatException('ERR_SEND_TIMEOUT', 'Not sent in time.', {
      sent: true,
      cause: new TypeError('boom'),
    })
    const wire = errorToWire(original)
    expect(structuredClone(wire)).toEqual(wire)
    const rebuilt = errorFromWire(wire)
    expect(rebuilt).toBeInstanceOf(CometChatException)
    expect(rebuilt).toMatchObject({ code: 'ERR_SEND_TIMEOUT', message: 'Not sent in time.' })
    expect(rebuilt.details).toEqual({ sent: true, cause: { name: 'TypeError', message: 'boom' } })
  })

  it('details that cannot travel (a cycle) are left out; a thrown non-error still becomes an error', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(errorToWire(new CometChatException('ERR_X', 'x', cycle))).toEqual({ code: 'ERR_X', message: 'x' })
    expect(errorToWire('plain text')).toEqual({ code: 'ERR_UNKNOWN', message: 'plain text' })
  })
})

describe('snapshots across tabs', () => {
  it('an unchanged snapshot keeps its identity; a changed one is new and frozen, with the error rebuilt', () => {
    const prev = SERVER_SNAPSHOT
    expect(snapshotFromWire(prev, structuredClone(snapshotToWire(prev)))).toBe(prev)
    const error = new CometChatException('ERR_NO_INTERNET', 'Offline.')
    const next = snapshotFromWire(prev, structuredClone(snapshotToWire({ ...prev, lastError: error })))
    expect(next).not.toBe(prev)
    expect(Object.isFrozen(next)).toBe(true)
    expect(next.lastError).toBeInstanceOf(CometChatException)
    expect(next.lastError?.code).toBe('ERR_NO_INTERNET')
    expect(next.onlineUsers).toBe(prev.onlineUsers) // unchanged fields keep their objects
  })
})

describe('recent ids', () => {
  it('says whether an id is new, and forgets the oldest beyond its bound', () => {
    const fresh = recentIds(3)
    expect(['a', 'b', 'a', 'c'].map(fresh)).toEqual([true, true, false, true])
    expect(fresh('d')).toBe(true) // 'a' is forgotten now
    expect([fresh('a'), fresh('c')]).toEqual([true, false])
  })
})
