import { noop } from '../noop.js'
import type { NetworkSource } from '../types.js'
import { listen } from './listen.js'

/**
 * Network state from `navigator.onLine` and the window's `online`/`offline` events.
 * Without them (Node, SSR) the device is always online.
 */
export function browserNetwork(): NetworkSource {
  const nav = typeof navigator === 'undefined' ? undefined : navigator
  return {
    isOnline: () => nav?.onLine !== false,
    subscribe(cb) {
      if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return noop
      return listen([
        [window, 'online', () => cb(true)],
        [window, 'offline', () => cb(false)],
      ])
    },
  }
}
