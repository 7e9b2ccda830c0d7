import { noop } from '../noop.js'
import type { AppStateSource, AppStateValue } from '../types.js'
import { listen } from './listen.js'

/**
 * App state from the browser: `visibilitychange`, plus Page Lifecycle `freeze`/`resume` and
 * `pagehide`/`pageshow` (a page entering the back-forward cache is hidden without a visibility change
 * in some browsers). Without a `document` (Node, SSR) the app is always in the foreground.
 * Listeners attach on subscribe and detach on unsubscribe; nothing happens at import time.
 */
export function browserAppState(): AppStateSource {
  const doc: Document | undefined = globalThis.document
  const visible = (): AppStateValue => (doc?.visibilityState === 'hidden' ? 'background' : 'foreground')
  return {
    current: visible,
    subscribe(cb) {
      const win: Window | undefined = globalThis.window
      if (!doc || !win) return noop
      const onVisibility = () => cb(visible())
      const onHidden = () => cb('background')
      return listen([
        [doc, 'visibilitychange', onVisibility],
        [doc, 'resume', onVisibility],
        [doc, 'freeze', onHidden],
        [win, 'pageshow', onVisibility],
        [win, 'pagehide', onHidden],
      ])
    },
  }
}
