import { ErrorCodes, HISTORY_PATH, type HistoryPage, MAX_HISTORY_LIMIT } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_HISTORY_LIMIT, type HttpResponse, RealtimeServerCore } from '../../src/browser.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { connectUser, type FakeConnection, until } from '../helpers/fake-connection.js'

async function setup(options: ConstructorParameters<typeof RealtimeServerCore>[0] = {}) {
  const clock = new FakeClock()
  const core = new RealtimeServerCore({ clock, rateLimit: { framesPerSecond: 1e6, burst: 1e6 }, ...options })
  const bob = await connectUser(core, 'bob')
  const alice = await connectUser(core, 'alice')
  return { clock, core, bob, alice }
}

async function sendTexts(from: FakeConnection, to: string, count: number, prefix = 'm'): Promise<string[]> {
  const before = from.ofType('message-ack').length
  for (let i = 1; i <= count; i++)
    from.sendFrame({ type: 'send-message', ref: `r${i}`, receiver: to, text: `${prefix}${i}` })
  await until(() => from.ofType('message-ack').length === before + count, 'acks')
  return from
    .ofType('message-ack')
    .slice(before)
    .map((f) => f.message.id)
}

function get(core: RealtimeServerCore, query: string, token?: string, method = 'GET'): Promise<HttpResponse> {
  return core.handleHttp({
    method,
    path: `${HISTORY_PATH}${query}`,
    body: '',
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  })
}

const page = (res: HttpResponse) => res.body as HistoryPage
const texts = (res: HttpResponse) => page(res).messages.map((m) => m.text)

describe('GET /v1/messages (history)', () => {
  it("pages the user's inbox after a message id, oldest first, with hasMore", async () => {
    const { core, bob, alice } = await setup()
    const ids = await sendTexts(alice.conn, 'bob', 5)
    const first = await get(core, '?limit=2', bob.authToken)
    expect(first.status).toBe(200)
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(first.body).toEqual({
      messages: [
        expect.objectContaining({ id: ids[0], text: 'm1', sender: 'alice', receiver: 'bob' }),
        expect.objectContaining({ text: 'm2' }),
      ],
      hasMore: true,
      truncated: false,
    })
    const next = await get(core, `?after=${ids[1]}&limit=2`, bob.authToken)
    expect(texts(next)).toEqual(['m3', 'm4'])
    expect(page(next).hasMore).toBe(true)
    const last = await get(core, `?after=${ids[3]}&limit=2`, bob.authToken)
    expect(page(last)).toMatchObject({ hasMore: false, truncated: false })
    expect(texts(last)).toEqual(['m5'])
    const end = await get(core, `?after=${ids[4]}`, bob.authToken)
    expect(page(end)).toEqual({ messages: [], hasMore: false, truncated: false })
  })

  it("only the authenticated user's inbox: messages to others never show", async () => {
    const { core, bob, alice } = await setup()
    await sendTexts(alice.conn, 'bob', 2, 'to-bob-')
    await sendTexts(bob.conn, 'alice', 3, 'to-alice-')
    expect(texts(await get(core, '', bob.authToken))).toEqual(['to-bob-1', 'to-bob-2'])
    expect(texts(await get(core, '', alice.authToken))).toEqual(['to-alice-1', 'to-alice-2', 'to-alice-3'])
  })

  it(`limit defaults to ${DEFAULT_HISTORY_LIMIT} and is capped at ${MAX_HISTORY_LIMIT}`, async () => {
    const { core, bob, alice } = await setup()
    await sendTexts(alice.conn, 'bob', 120)
    expect(texts(await get(core, '', bob.authToken))).toHaveLength(DEFAULT_HISTORY_LIMIT)
    const capped = await get(core, '?limit=500', bob.authToken)
    expect(texts(capped)).toHaveLength(MAX_HISTORY_LIMIT)
    expect(page(capped).hasMore).toBe(true)
  })

  it('an after that is not in the inbox starts at the oldest kept, truncated; so does one trimmed away', async () => {
    const { core, bob, alice } = await setup({ inboxMaxEvents: 3 })
    const ids = await sendTexts(alice.conn, 'bob', 5)
    const unknown = await get(core, '?after=msg_unknown', bob.authToken)
    expect(page(unknown)).toMatchObject({ truncated: true, hasMore: false })
    expect(texts(unknown)).toEqual(['m3', 'm4', 'm5'])
    const trimmed = await get(core, `?after=${ids[0]}`, bob.authToken)
    expect(page(trimmed).truncated).toBe(true)
    expect(texts(trimmed)).toEqual(['m3', 'm4', 'm5'])
    const kept = await get(core, `?after=${ids[2]}`, bob.authToken)
    expect(page(kept).truncated).toBe(false)
    expect(texts(kept)).toEqual(['m4', 'm5'])
    // A message of another inbox is "not in this inbox" too.
    const [toAlice] = await sendTexts(bob.conn, 'alice', 1)
    expect(page(await get(core, `?after=${toAlice}`, bob.authToken)).truncated).toBe(true)
  })

  it('401 (with WWW-Authenticate: Bearer): ERR_AUTH_FAILED for a missing or malformed token, ERR_AUTH_TOKEN_INVALID for an unknown, revoked or expired one', async () => {
    const { core, clock, bob } = await setup({ tokenTtlMs: 60_000 })
    // No usable header is the client's mistake (ERR_AUTH_FAILED); a token the server does not hold is
    // dead (ERR_AUTH_TOKEN_INVALID, the socket's code for it: log in again).
    const cases: Array<[string, Record<string, string>, string]> = [
      ['none', {}, ErrorCodes.AUTH_FAILED],
      ['not bearer', { authorization: `Basic ${bob.authToken}` }, ErrorCodes.AUTH_FAILED],
      ['empty', { authorization: 'Bearer ' }, ErrorCodes.AUTH_FAILED],
      ['unknown', { authorization: `Bearer ${'f'.repeat(64)}` }, ErrorCodes.AUTH_TOKEN_INVALID],
      ['too long', { authorization: `Bearer ${'f'.repeat(2000)}` }, ErrorCodes.AUTH_FAILED],
    ]
    for (const [what, headers, code] of cases) {
      const res = await core.handleHttp({ method: 'GET', path: HISTORY_PATH, body: '', headers })
      expect(res.status, what).toBe(401)
      expect(res.headers['www-authenticate']).toBe('Bearer')
      expect(res.body, what).toEqual({ error: { code, message: expect.any(String) } })
    }
    // The scheme is case-insensitive.
    const lower = await core.handleHttp({
      method: 'GET',
      path: HISTORY_PATH,
      body: '',
      headers: { authorization: `bearer ${bob.authToken}` },
    })
    expect(lower.status).toBe(200)
    const dead = { status: 401, code: ErrorCodes.AUTH_TOKEN_INVALID }
    const outcome = async (token: string) => {
      const res = await get(core, '', token)
      return { status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }
    }
    clock.advance(60_000)
    expect(await outcome(bob.authToken)).toEqual(dead) // expired
    const { authToken } = await core.createSession('carol')
    await core.revokeToken(authToken)
    expect(await outcome(authToken)).toEqual(dead) // revoked
  })

  it.each([
    ['limit=0', '?limit=0'],
    ['a negative limit', '?limit=-5'],
    ['a fractional limit', '?limit=1.5'],
    ['a word', '?limit=ten'],
    ['an empty after', '?after='],
    ['an after of 257 characters', `?after=${'a'.repeat(257)}`],
  ])('400 ERR_INVALID_ARGUMENT for %s', async (_what, query) => {
    const { core, bob } = await setup()
    const res = await get(core, query, bob.authToken)
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: { code: ErrorCodes.INVALID_ARGUMENT, message: expect.any(String) } })
  })

  it.each(['authToken', 'token', 'access_token', 'AUTHTOKEN'])(
    'a token in the query string (%s=…) is refused with 400, even with a valid header',
    async (name) => {
      const { core, bob } = await setup()
      const res = await get(core, `?${name}=${bob.authToken}`, bob.authToken)
      expect(res.status).toBe(400)
      expect((res.body as { error: { message: string } }).error.message).toContain('Authorization')
    },
  )

  it('405 with Allow for other methods; a preflight allows the authorization header', async () => {
    const { core, bob } = await setup()
    const post = await get(core, '', bob.authToken, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, OPTIONS')
    const preflight = await core.handleHttp({
      method: 'OPTIONS',
      path: HISTORY_PATH,
      body: '',
      headers: { 'access-control-request-headers': 'authorization' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization')
    expect(preflight.headers['access-control-allow-methods']).toContain('GET')
    const bare = await core.handleHttp({ method: 'OPTIONS', path: HISTORY_PATH, body: '' })
    expect(bare.headers['access-control-allow-headers']).toContain('authorization')
  })
})
