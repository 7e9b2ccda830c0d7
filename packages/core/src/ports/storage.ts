import type { SessionStorageLike } from '../types.js'

/** A storage that lives in memory (Node, SSR, or a browser where `localStorage` throws). */
export function createMemoryStorage(): SessionStorageLike & { readonly size: number } {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      map.set(key, value)
    },
    removeItem: (key) => {
      map.delete(key)
    },
    get size() {
      return map.size
    },
  }
}

/**
 * `localStorage` when it is usable (Safari private mode and sandboxed iframes throw on access or
 * on write), else memory.
 */
export function defaultStorage(): SessionStorageLike {
  try {
    const ls = globalThis.localStorage
    if (ls) {
      const probe = '__cometchat_connection_probe__'
      ls.setItem(probe, '1')
      ls.removeItem(probe)
      return ls
    }
  } catch {
    // fall through to memory
  }
  return createMemoryStorage()
}
