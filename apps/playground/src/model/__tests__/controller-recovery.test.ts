// An error from before a recovery is history: once the main engine is connected again, the playground's
// last error is marked past (with when the connection came back), so the view can show it as such.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlaygroundController, type PlaygroundController } from '../controller.js'
import { recovered } from '../errors.js'

let c: PlaygroundController
const until = (check: () => void, timeout = 5_000) => vi.waitFor(check, { timeout, interval: 10 })
const status = () => c.getState().snapshot.status

afterEach(() => c?.dispose())

describe('the last error after a recovery', () => {
  it('is current while the connection is down and past once it is connected again', async () => {
    c = createPlaygroundController({ latencyMs: 0 })
    c.start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.setOnline(false)
    await until(() => expect(c.getState().lastError?.code).toBe('ERR_NO_INTERNET'))
    expect(c.getState().lastError?.recoveredAt).toBeUndefined()

    c.setOnline(true)
    await until(() => expect(status()).toBe('connected'))
    const error = c.getState().lastError
    expect(error?.code).toBe('ERR_NO_INTERNET')
    expect(error?.recoveredAt).toBeGreaterThanOrEqual(error?.at ?? Number.POSITIVE_INFINITY)
  })

  it('a new error after the recovery is current again', async () => {
    c = createPlaygroundController({ latencyMs: 0 })
    c.start()
    await c.login()
    await until(() => expect(status()).toBe('connected'))
    c.dropConnections()
    await until(() => expect(c.getState().lastError?.recoveredAt).toBeDefined())
    await c.connect() // already connected: rejects, and that error is the current one
    expect(c.getState().lastError?.recoveredAt).toBeUndefined()
    expect(status()).toBe('connected')
  })

  it('recovered() keeps the first recovery time', () => {
    const error = { code: 'ERR_NO_INTERNET', message: 'offline', source: 'connect()', at: 1 }
    const once = recovered(error, 5)
    expect(once.recoveredAt).toBe(5)
    expect(recovered(once, 9)).toBe(once)
  })
})
