import type { SessionStorageLike } from '../types.js'

/** A Map with the storage methods (on the prototype: each engine's memory storage stays small). */
class MemoryStorage extends Map<string, string> implements SessionStorageLike {
  getItem(key: string): string | null {
    return this.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.set(key, value)
  }
  removeItem(key: string): void {
    this.delete(key)
  }
}

/**
 * An engine's own memory, where `localStorage` is missing or unusable. Nothing but its engine can read
 * it, and the engine reads the session only in `init()`, before any login: a session saved here would
 * never be read again, so none is (session-store.ts; a few hundred bytes per engine in a process running
 * thousands). Stream positions are: a user who logs in again on the same engine resumes.
 */
export class EngineMemory extends MemoryStorage {}

/** A storage that lives in memory (Node, SSR, or a browser where `localStorage` throws). */
export function createMemoryStorage(): SessionStorageLike & { readonly size: number } {
  return new MemoryStorage()
}

/**
 * `localStorage` when it is usable (Safari private mode and sandboxed iframes throw on access or
 * on write), else the engine's own memory.
 */
export function defaultStorage(): SessionStorageLike {
  try {
    const ls = globalThis.localStorage
    if (ls) {
      const probe = 'cometchat-connection:probe' // the library's key prefix (session-store.ts)
      ls.setItem(probe, '1')
      ls.removeItem(probe)
      return ls
    }
  } catch {
    // fall through to memory
  }
  return new EngineMemory()
}
