import type { Position } from './delivery/positions.js'
import type { Session } from './machine/state.js'
import { EngineMemory } from './ports/storage.js'
import { isNumber, isRecord, isString, sessionOf } from './shapes.js'
import type { SessionStorageLike } from './types.js'

// The saved session, and each user's stream position (one key per user, so no user inherits another's
// position), under keys of the app. Plain functions over the storage: an engine holds no store object.

// Joined, not a template: one flat string rather than a chain of concatenations (the in-memory storage
// keeps the key for as long as the engine lives).
const keyOf = (appId: string, what: string) => ['cometchat-connection', appId, what].join(':')

const read = async (storage: SessionStorageLike, key: string): Promise<unknown> => {
  const raw = await storage.getItem(key)
  try {
    return raw == null ? null : JSON.parse(raw)
  } catch {
    return undefined // corrupt JSON
  }
}

/** The saved session, or null. A corrupt entry is removed rather than trusted. */
export async function loadSession(storage: SessionStorageLike, appId: string): Promise<Session | null> {
  const v = await read(storage, keyOf(appId, 'session'))
  const session = isRecord(v) && v.v === 1 ? sessionOf(v) : null
  if (!session && v !== null) await clearSession(storage, appId)
  return session
}

/** Saves the session (B1: before the socket opens). */
export async function saveSession(storage: SessionStorageLike, appId: string, s: Session): Promise<void> {
  if (storage instanceof EngineMemory) return // it would never be read (ports/storage.ts)
  await storage.setItem(keyOf(appId, 'session'), JSON.stringify({ v: 1, ...s }))
}

/** Removes the saved session. */
export async function clearSession(storage: SessionStorageLike, appId: string): Promise<void> {
  await storage.removeItem(keyOf(appId, 'session'))
}

/** The stream position saved for `uid`; null when none, corrupt, or the storage fails (a replay, never a loss). */
export async function loadPosition(
  storage: SessionStorageLike,
  appId: string,
  uid: string,
): Promise<Position | null> {
  const v = await read(storage, keyOf(appId, `position:${uid}`)).catch(() => null)
  return isRecord(v) && isString(v.epoch) && isNumber(v.offset) && (v.id === null || isString(v.id))
    ? (v as unknown as Position)
    : null
}

/** Saves `uid`'s stream position. */
export async function savePosition(
  storage: SessionStorageLike,
  appId: string,
  uid: string,
  position: Position,
): Promise<void> {
  await storage.setItem(keyOf(appId, `position:${uid}`), JSON.stringify(position))
}
