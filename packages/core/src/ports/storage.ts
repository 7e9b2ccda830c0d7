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

/** A storage that lives in memory (Node, SSR, or a browser where `localStorage` throws). */
export function createMemoryStorage(): SessionStorageLike & { readonly size: number } {
  return new MemoryStorage()
}

/**
 * `localStorage` when it is usable (Safari private mode and sandboxed iframes throw on access or
 * on write), else memory.
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
  return new MemoryStorage()
}
