import { describe, expect, it } from 'vitest'
import { createConnectionEngine } from '../engine.js'
import { AppSettingsBuilder } from '../settings.js'
import type { ConnectionEngineOptions } from '../types.js'
import { flush, harness, loginAs, outcome } from './harness.js'

describe('bad input gets a CometChatException with a code and a message that says what to do', () => {
  it('an empty or missing appId', () => {
    expect(() => createConnectionEngine({ appId: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    )
    expect(() => createConnectionEngine({ appId: '   ' })).toThrow(/appId/)
    expect(() => createConnectionEngine(null as unknown as ConnectionEngineOptions)).toThrow(/options/)
  })

  it('non-positive or non-finite timeouts, bad URLs, bad backoff', () => {
    const b = new AppSettingsBuilder()
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '30' as unknown as number]) {
      expect(() => b.setBackgroundTimeout(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      )
    }
    expect(() => b.setHeartbeatInterval(-5)).toThrow(/heartbeat interval/)
    expect(() => b.setServerUrl('ftp://x')).toThrow(/http/)
    expect(() => b.setServerUrl('not a url')).toThrow(/http/)
    expect(() => b.setRegion('')).toThrow(/region/)
    expect(() => b.autoEstablishSocketConnection('yes' as unknown as boolean)).toThrow(/true or false/)
    expect(() => b.setReconnectBackoff({ multiplier: 0.5 })).toThrow(/multiplier/)
    expect(() => b.setReconnectBackoff({ initialMs: 1000, maxMs: 10 })).toThrow(/maxMs/)
    // a failed setter leaves the builder as it was: nothing the user had is lost
    expect(b.build().backgroundTimeout).toBe(30_000)
  })

  it('login with empty credentials, sendMessage with empty text', async () => {
    const h = harness()
    expect(await outcome(h.engine.login(''))).toEqual({ ok: false, code: 'ERR_INVALID_ARGUMENT' })
    expect(await outcome(h.engine.login('alice', ''))).toEqual({ ok: false, code: 'ERR_INVALID_ARGUMENT' })
    expect(await outcome(h.engine.login('alice', 'wrong-key'))).toEqual({
      ok: false,
      code: 'ERR_AUTH_FAILED',
    })
    await loginAs(h.engine)
    h.last().accept()
    expect(await outcome(h.engine.sendMessage('', 'hi'))).toEqual({ ok: false, code: 'ERR_INVALID_ARGUMENT' })
    expect(await outcome(h.engine.sendMessage('bob', '  '))).toEqual({
      ok: false,
      code: 'ERR_INVALID_ARGUMENT',
    })
    expect(() => h.engine.addConnectionListener('', {})).toThrow(/listener id/)
  })

  it('a server that is down makes login reject ERR_NETWORK_REQUEST_FAILED', async () => {
    const engine = createConnectionEngine({
      appId: 'x',
      platform: { fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch },
    })
    expect(await outcome(engine.login('a', 'k'))).toEqual({ ok: false, code: 'ERR_NETWORK_REQUEST_FAILED' })
    engine.destroy()
  })

  it('a malformed frame from the server is reported, never thrown; the connection survives', async () => {
    const h = harness()
    await loginAs(h.engine)
    h.last().accept()
    for (const garbage of [
      '',
      'not json',
      '[]',
      '{"type":"message"}',
      '{"type":42}',
      '{"type":"auth-ok"}',
      'null',
    ]) {
      h.last().serverSend(garbage)
    }
    h.last().onmessage?.({ data: new ArrayBuffer(3) })
    expect(h.events.filter((e) => e === 'error:ERR_MALFORMED_FRAME')).toHaveLength(8)
    expect(h.engine.getConnectionStatus()).toBe('connected')
  })

  it('a storage that throws makes login reject ERR_STORAGE_ERROR without opening a socket', async () => {
    const h = harness({
      storage: {
        getItem: () => null,
        setItem: () => {
          throw new Error('quota')
        },
        removeItem: () => {},
      },
    })
    expect(await outcome(h.engine.login('alice', 'demo-auth-key'))).toEqual({
      ok: false,
      code: 'ERR_STORAGE_ERROR',
    })
    expect(h.sockets()).toHaveLength(0)
  })

  it('no WebSocket implementation: a setup error reported once (what to pass), then no retries', async () => {
    const h = harness({ mode: 'manual' })
    const engine = createConnectionEngine({
      appId: 'x',
      settings: new AppSettingsBuilder().autoEstablishSocketConnection(false).build(),
      platform: {
        fetch: h.fetch,
        WebSocket: undefined,
        clock: h.clock,
        appState: h.appState,
        network: h.network,
      },
    })
    const g = globalThis as { WebSocket?: unknown }
    const saved = g.WebSocket
    g.WebSocket = undefined
    try {
      const errors: string[] = []
      engine.addConnectionListener('e', { onConnectionError: (e) => errors.push(e.code) })
      await engine.login('alice', 'demo-auth-key')
      const c = engine.connect()
      await flush()
      expect(await outcome(c)).toEqual({ ok: false, code: 'ERR_INVALID_ARGUMENT' })
      expect(engine.getSnapshot().lastError?.message).toMatch(/platform\.WebSocket.*'ws'/)
      h.clock.advance(120_000) // no backoff loop: nothing retries
      await flush()
      expect(errors).toEqual(['ERR_INVALID_ARGUMENT'])
      expect(engine.getSnapshot()).toMatchObject({ status: 'disconnected', nextRetryAt: null })
    } finally {
      g.WebSocket = saved
      engine.destroy()
    }
  })

  it('a listener that throws does not break the engine or the other listeners', async () => {
    const h = harness()
    const errors: unknown[] = []
    const g = globalThis as { reportError?: (e: unknown) => void }
    const saved = g.reportError
    g.reportError = (e) => errors.push(e)
    try {
      h.engine.addConnectionListener('bad', {
        onConnected: () => {
          throw new Error('app bug')
        },
      })
      await loginAs(h.engine)
      h.last().accept()
      expect(errors).toHaveLength(1)
      expect(h.events).toEqual(['connecting', 'connected'])
    } finally {
      g.reportError = saved
    }
  })
})

describe('init() with a storage that fails', () => {
  it('rejects ERR_STORAGE_ERROR, and a later init() retries and restores the session', async () => {
    let broken = true
    const saved = JSON.stringify({ v: 1, user: { uid: 'alice', name: 'alice' }, authToken: 'tok-alice' })
    const h = harness({
      storage: {
        getItem: () => {
          if (broken) throw new Error('disk unavailable')
          return saved
        },
        setItem: () => {},
        removeItem: () => {},
      },
    })
    expect(await outcome(h.engine.init())).toEqual({ ok: false, code: 'ERR_STORAGE_ERROR' })
    broken = false
    expect(await h.engine.init()).toBe(true)
    expect((await h.engine.getLoggedInUser())?.uid).toBe('alice')
    expect(h.sockets()).toHaveLength(1)
  })
})
