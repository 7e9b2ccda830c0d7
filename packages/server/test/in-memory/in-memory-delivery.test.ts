import {
  type AuthOkFrame,
  HISTORY_PATH,
  type HistoryPage,
  type MessageFrame,
  type ServerFrame,
  socketUrlFor,
} from '@cometchat-connection/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createInMemoryTransport, type InMemoryTransport, RealtimeServerCore } from '../../src/browser.js'
import { until } from '../helpers/fake-connection.js'

const BASE = 'http://playground.local'
const SOCKET_URL = socketUrlFor(BASE, 'demo-app')

const cores: RealtimeServerCore[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.shutdown()
})

function setup() {
  const core = new RealtimeServerCore()
  cores.push(core)
  return { core, transport: createInMemoryTransport(core) }
}

async function login(transport: InMemoryTransport, uid: string): Promise<string> {
  const res = await transport.fetch(`${BASE}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid, authKey: 'demo-auth-key' }),
  })
  return ((await res.json()) as { authToken: string }).authToken
}

/** An in-memory socket, authenticated with `auth` fields; its frames as they come. */
async function open(transport: InMemoryTransport, authToken: string, extra: Record<string, unknown> = {}) {
  const ws = new transport.WebSocket(SOCKET_URL)
  const frames: ServerFrame[] = []
  let closed = false
  ws.onmessage = (ev) => frames.push(JSON.parse(String(ev.data)) as ServerFrame)
  ws.onclose = () => {
    closed = true
  }
  await new Promise<void>((resolve) => {
    ws.onopen = () => resolve()
  })
  ws.send(JSON.stringify({ type: 'auth', v: 1, authToken, ...extra }))
  await until(() => frames.length > 0, 'auth-ok')
  const messages = () => frames.filter((f): f is MessageFrame => f.type === 'message')
  return { ws, frames, messages, isClosed: () => closed, authOk: frames[0] as AuthOkFrame }
}

describe('delivery through the in-memory transport (the playground)', () => {
  it('a page that comes back with its position gets what it missed, then live messages', async () => {
    const { transport } = setup()
    const bobToken = await login(transport, 'bob')
    const bob = await open(transport, bobToken)
    const alice = await open(transport, await login(transport, 'alice'))
    const send = (text: string) =>
      alice.ws.send(JSON.stringify({ type: 'send-message', ref: text, receiver: 'bob', text }))
    send('one')
    await until(() => bob.messages().length === 1, 'one')
    const position = { epoch: bob.authOk.stream?.epoch, offset: bob.messages()[0]?.offset }
    bob.ws.close()
    await until(() => bob.isClosed(), 'bob closed')
    send('two')
    send('three')
    await until(() => alice.frames.filter((f) => f.type === 'message-ack').length === 3, 'acks')
    const back = await open(transport, bobToken, { resume: position })
    send('four')
    await until(() => back.messages().length === 3, 'the replay and the live message')
    expect(back.authOk).toMatchObject({ recovery: { resumed: true, replayed: 2 }, stream: { offset: 3 } })
    expect(back.messages().map((f) => [f.message.text, f.offset, f.replayed ?? false])).toEqual([
      ['two', 2, true],
      ['three', 3, true],
      ['four', 4, false],
    ])
  })

  it('the in-memory fetch answers GET /v1/messages with the bearer token; a missing one is a 401', async () => {
    const { transport } = setup()
    const bobToken = await login(transport, 'bob')
    const alice = await open(transport, await login(transport, 'alice'))
    for (const text of ['a', 'b', 'c'])
      alice.ws.send(JSON.stringify({ type: 'send-message', ref: text, receiver: 'bob', text }))
    await until(() => alice.frames.filter((f) => f.type === 'message-ack').length === 3, 'acks')
    const res = await transport.fetch(`${BASE}${HISTORY_PATH}?limit=2`, {
      headers: { authorization: `Bearer ${bobToken}` },
    })
    expect(res.status).toBe(200)
    const page = (await res.json()) as HistoryPage
    expect(page.messages.map((m) => m.text)).toEqual(['a', 'b'])
    expect(page.hasMore).toBe(true)
    expect((await transport.fetch(`${BASE}${HISTORY_PATH}`)).status).toBe(401)
  })
})
