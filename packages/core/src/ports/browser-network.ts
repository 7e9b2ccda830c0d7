import type { NetworkSource } from '../types.js'

/**
 * Network state from `navigator.onLine` and the window's `online`/`offline` events.
 * Without them (Node, SSR) the device is always online.
 */
export function browserNetwork(): NetworkSource {
  const nav = typeof navigator === 'undefined' ? undefined : navigator
  return {
    isOnline: () => (typeof nav?.onLine === 'boolean' ? nav.onLine : true),
    subscribe(cb) {
      if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return () => {}
      const onOnline = () => cb(true)
      const onOffline = () => cb(false)
      window.addEventListener('online', onOnline)
      window.addEventListener('offline', onOffline)
      return () => {
        window.removeEventListener('online', onOnline)
        window.removeEventListener('offline', onOffline)
      }
    },
  }
}
