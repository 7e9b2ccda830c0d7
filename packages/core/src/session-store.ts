import type { Session } from './machine/state.js'
import { isRecord, sessionOf } from './shapes.js'
import type { SessionStorageLike } from './types.js'

/** Reads and writes the saved session under one key per app. */
export interface SessionStore {
  /** The saved session, or null. A corrupt entry is removed rather than trusted. */
  load(): Promise<Session | null>
  save(session: Session): Promise<void>
  clear(): Promise<void>
}

/** A {@link SessionStore} over a sync or async (AsyncStorage) storage. */
export function createSessionStore(storage: SessionStorageLike, appId: string): SessionStore {
  const key = `cometchat-connection:${appId}:session`
  const clear = async () => {
    await storage.removeItem(key)
  }
  return {
    async load() {
      const raw = await storage.getItem(key)
      if (raw == null) return null
      let v: unknown
      try {
        v = JSON.parse(raw)
      } catch {
        // corrupt JSON: removed below
      }
      const session = isRecord(v) && v.v === 1 ? sessionOf(v) : null
      if (!session) await clear()
      return session
    },
    async save({ user, authToken }) {
      await storage.setItem(key, JSON.stringify({ v: 1, user, authToken }))
    },
    clear,
  }
}
