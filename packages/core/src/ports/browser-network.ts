import { noop } from '../noop.js'
import type { NetworkSource } from '../types.js'
import { listen } from './listen.js'

/**
 * Network state from `navigator.onLine` and the window's `online`/`offline` events.
 * Without them (Node, SSR) the device is always online.
 */
export function browserNetwork(): NetworkSource {
  const nav: Navigator | undefined = globalThis.navigator
  return {
    isOnline: () => nav?.onLine !== false,
    subscribe(cb) {
      const win: Window | undefined = globalThis.window
      if (typeof win?.addEventListener !== 'function') return noop
      return listen([
        [win, 'online', () => cb(true)],
        [win, 'offline', () => cb(false)],
      ])
    },
  }
}
