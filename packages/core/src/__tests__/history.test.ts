import { describe, expect, it } from 'vitest'
import { fetchMessages } from '../history.js'
import { harness, loginAs } from './harness.js'

// fetchMessages(): one page of the user's inbox from GET /v1/messages, the token in a header (never
// the URL), with the engine's HTTP deadline.

const message = (id: string) => ({ id, sender: 'bob', receiver: 'alice', text: `text ${id}`, sentAt: 1 })

/** A fetch that records each request and answers with `status` and `body`. */
function historyFetch(status: number, body: unknown) {
  const requests: Array<{ url: string; init: RequestInit | undefined }> = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), init })
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

describe('fetchMessages', () => {
  it('asks for the page after `after` with the token as a Bearer header, and returns the page', async () => {
    const h = harness()
    await loginAs(h.engine)
    const server = historyFetch(200, {
      messages: [message('m2'), message('m3')],
      hasMore: true,
      truncated: false,
    })
    const page = await fetchMessages(h.engine, { after: 'm1', limit: 2, fetch: server.fetch })
    expect(page).toEqual({ messages: [message('m2'), message('m3')], hasMore: true, truncated: false })
    const [request] = server.requests
    expect(request?.url).toBe('http://127.0.0.1:4455/v1/messages?after=m1&limit=2')
    expect(request?.url).not.toContain('tok-alice')
    expect(request?.init?.method ?? 'GET').toBe('GET')
    expect(new Headers(request?.init?.headers).get('authorization')).toBe('Bearer tok-alice')
  })

  it("a server's refusal rejects with its code; a page that is not one rejects ERR_MALFORMED_FRAME", async () => {
    const h = harness()
    await loginAs(h.engine)
    const refused = historyFetch(401, { error: { code: 'ERR_AUTH_TOKEN_INVALID', message: 'expired' } })
    await expect(fetchMessages(h.engine, { fetch: refused.fetch })).rejects.toMatchObject({
      code: 'ERR_AUTH_TOKEN_INVALID',
      message: 'expired',
    })
    const malformed = historyFetch(200, { messages: [{ id: 'm1' }] })
    await expect(fetchMessages(h.engine, { fetch: malformed.fetch })).rejects.toMatchObject({
      code: 'ERR_MALFORMED_FRAME',
    })
  })

  it('needs a logged-in user and a sensible limit; asks nothing otherwise', async () => {
    const h = harness()
    const server = historyFetch(200, { messages: [], hasMore: false, truncated: false })
    await expect(fetchMessages(h.engine, { fetch: server.fetch })).rejects.toMatchObject({
      code: 'ERR_NOT_LOGGED_IN',
    })
    await loginAs(h.engine)
    await expect(fetchMessages(h.engine, { limit: 0, fetch: server.fetch })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    })
    expect(server.requests).toHaveLength(0)
  })

  it('a server that never answers: rejects ERR_NETWORK_REQUEST_FAILED at the engine’s HTTP deadline', async () => {
    const h = harness({ configure: (b) => b.setHttpTimeout(20) })
    await loginAs(h.engine)
    const hang = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch
    await expect(fetchMessages(h.engine, { fetch: hang })).rejects.toMatchObject({
      code: 'ERR_NETWORK_REQUEST_FAILED',
    })
  })
})
