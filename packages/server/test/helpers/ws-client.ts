import type { ServerFrame } from '@cometchat-connection/core'
import { WebSocket } from 'ws'

/** How long a wait may take before the test fails (a failure bound, not a synchronisation delay). */
const FAIL_AFTER_MS = 5_000

interface Waiter {
  pred: (frame: ServerFrame) => boolean
  resolve: (frame: ServerFrame) => void
}

/** A raw `ws` client that records frames, for real-socket tests. */
export class TestClient {
  readonly frames: ServerFrame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: Waiter[] = []

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame
      this.frames.push(frame)
      for (const waiter of [...this.waiters]) {
        if (waiter.pred(frame)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          waiter.resolve(frame)
        }
      }
    })
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    )
    ws.on('error', () => {})
  }

  /** Opens a socket; resolves once it is open. */
  static open(url: string): Promise<TestClient> {
    const ws = new WebSocket(url)
    const client = new TestClient(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  /**
   * Opens a socket and authenticates it with `authToken` (plus `extra` auth fields, e.g. `resume`);
   * resolves after `auth-ok`.
   */
  static async authed(
    url: string,
    authToken: string,
    presence = false,
    extra: Record<string, unknown> = {},
  ): Promise<TestClient> {
    const client = await TestClient.open(url)
    client.send({ type: 'auth', v: 1, authToken, ...(presence ? { presence: true } : {}), ...extra })
    await client.waitFor((f) => f.type === 'auth-ok', 'auth-ok')
    return client
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** The first frame (already received or still to come) matching `pred`. */
  waitFor<F extends ServerFrame = ServerFrame>(
    pred: (frame: ServerFrame) => boolean,
    what: string,
  ): Promise<F> {
    const seen = this.frames.find(pred)
    if (seen) return Promise.resolve(seen as F)
    return new Promise<F>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        const got = JSON.stringify(this.frames)
        const shown = got.length > 2_000 ? `${got.slice(0, 2_000)}… (${this.frames.length} frames)` : got
        reject(new Error(`no ${what} frame within ${FAIL_AFTER_MS} ms; got ${shown}`))
      }, FAIL_AFTER_MS)
      const waiter: Waiter = {
        pred,
        resolve: (frame) => {
          clearTimeout(timer)
          resolve(frame as F)
        },
      }
      this.waiters.push(waiter)
    })
  }

  /** Closes the socket and waits for the close to finish. */
  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000)
    await this.closed
  }
}

/** Tries an upgrade that the server should refuse; resolves the HTTP status it answered with. */
export function refusedUpgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('error', () => {})
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0)
      req.destroy()
    })
    ws.once('open', () => {
      ws.close()
      reject(new Error('the upgrade was accepted'))
    })
  })
}

/** `POST /v1/login` with the development key. */
export async function httpLogin(
  baseUrl: string,
  uid: string,
  extra: Record<string, unknown> = {},
): Promise<{ user: { uid: string; name: string }; authToken: string }> {
  const response = await fetch(`${baseUrl}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', uid, authKey: 'demo-auth-key', ...extra }),
  })
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as { user: { uid: string; name: string }; authToken: string }
}
