import type { ServerFrame } from '@cometchat-connection/core'
import type { ConnectionHandlers, RealtimeServerCore } from '../../src/browser.js'

/** A socket for core tests: records what the core sent and how it closed the socket. */
export class FakeConnection {
  readonly sent: ServerFrame[] = []
  readonly rawSent: string[] = []
  closed: { code: number; reason: string } | null = null
  handlers!: ConnectionHandlers

  send(text: string): void {
    if (this.closed) throw new Error('the core sent on a socket it had closed')
    this.rawSent.push(text)
    try {
      this.sent.push(JSON.parse(text) as ServerFrame)
    } catch {
      // raw garbage (sendRawFrame): only in rawSent
    }
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason }
  }

  /** Frames of one type, in order. */
  ofType<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.sent.filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type)
  }

  /** Sends an object (JSON-encoded) to the core as this client. */
  sendFrame(frame: unknown): void {
    this.handlers.onText(JSON.stringify(frame))
  }
}

/** Opens a fake socket on the core. */
export function openFake(core: RealtimeServerCore, appId: string | null = core.appId): FakeConnection {
  const conn = new FakeConnection()
  conn.handlers = core.openConnection(appId, conn)
  return conn
}

/** Lets pending promise callbacks (async token store lookups) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

/**
 * Waits until `condition` holds, checking once per event-loop turn (promise callbacks, timers and I/O run
 * between checks), so a store or transport of any speed can be awaited. Throws after 5 s: a failure
 * bound, not a delay.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const failAt = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > failAt) throw new Error(`still waiting for ${what}`)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

/** Logs `uid` in through the core, opens a socket and authenticates it. */
export async function connectUser(
  core: RealtimeServerCore,
  uid: string,
  opts: { presence?: boolean; name?: string; resume?: unknown; authToken?: string } = {},
): Promise<{ conn: FakeConnection; authToken: string }> {
  const authToken = opts.authToken ?? (await core.createSession(uid, opts.name)).authToken
  const conn = openFake(core)
  conn.sendFrame({
    type: 'auth',
    v: 1,
    authToken,
    ...(opts.presence ? { presence: true } : {}),
    ...(opts.resume !== undefined ? { resume: opts.resume } : {}),
  })
  await until(() => conn.sent.length > 0 || conn.closed !== null, `auth of ${uid}`)
  if (conn.sent[0]?.type !== 'auth-ok') throw new Error(`auth of ${uid} failed: ${JSON.stringify(conn.sent)}`)
  return { conn, authToken }
}
