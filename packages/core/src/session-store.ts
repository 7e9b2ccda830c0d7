import type { Session } from './machine/state.js'
import type { SessionStorageLike } from './types.js'

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** Reads and writes the saved session under one key per app. Accepts sync and async storages. */
export class SessionStore {
  private readonly key: string

  constructor(
    private readonly storage: SessionStorageLike,
    appId: string,
  ) {
    this.key = `cometchat-connection:${appId}:session`
  }

  /** The saved session, or null. A corrupt entry is removed rather than trusted. */
  async load(): Promise<Session | null> {
    const raw = await this.storage.getItem(this.key)
    if (raw === null || raw === undefined) return null
    try {
      const v = JSON.parse(raw) as {
        v?: unknown
        user?: { uid?: unknown; name?: unknown }
        authToken?: unknown
      }
      if (v.v === 1 && isStr(v.user?.uid) && typeof v.user.name === 'string' && isStr(v.authToken)) {
        return { user: { uid: v.user.uid, name: v.user.name }, authToken: v.authToken }
      }
    } catch {
      // corrupt JSON: fall through
    }
    await this.storage.removeItem(this.key)
    return null
  }

  async save(session: Session): Promise<void> {
    await this.storage.setItem(
      this.key,
      JSON.stringify({ v: 1, user: session.user, authToken: session.authToken }),
    )
  }

  async clear(): Promise<void> {
    await this.storage.removeItem(this.key)
  }
}
