import type { EventHandlerSlot } from '../types.js'

/**
 * The part of the Web Locks API (`navigator.locks`) the shared engine uses: one exclusive lock per
 * app, held by the leader tab until the promise its callback returns settles. A request withdrawn
 * through `options.signal` before it is granted rejects (with an `AbortError`).
 */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>
}

/**
 * The part of `BroadcastChannel` the shared engine uses: every tab of the app opens one with the same
 * name; a message posted by one tab reaches every other tab (not itself), in the order it was posted.
 * Messages are structured-cloned, so they carry plain data only.
 */
export interface TabChannelLike {
  postMessage(message: unknown): void
  onmessage: EventHandlerSlot<{ data: unknown }>
  close(): void
}

/**
 * What the page's life brings besides visibility. `suspend`: the page is frozen or enters the
 * back-forward cache (its JavaScript stops: a leader must give up the lock); `resume`: it is back;
 * `close`: it is being unloaded.
 */
export type PageLifecycleEvent = 'suspend' | 'resume' | 'close'

/** Where {@link PageLifecycleEvent}s come from (the browser's Page Lifecycle events, or your own). */
export interface PageLifecycleSource {
  /** Calls `cb` on every event; returns the unsubscribe function. */
  subscribe(cb: (event: PageLifecycleEvent) => void): () => void
}

/** Options of the shared engine's tab coordination (`tabs` in `createSharedConnectionEngine`). */
export interface TabsOptions {
  /** Default `navigator.locks`. Without it the engine falls back to one socket per tab. */
  locks?: LockManagerLike
  /**
   * Default `new BroadcastChannel('cometchat-connection:' + appId)`, opened at `init()`. Without
   * `BroadcastChannel` the engine falls back to one socket per tab.
   */
  channel?: TabChannelLike
  /** Default: `freeze`/`resume` of the document and `pagehide`/`pageshow` of the window. */
  lifecycle?: PageLifecycleSource
  /**
   * A visible tab says so this often over the channel, ms. A tab that vanished without a word (crash,
   * killed process) stops counting as visible after three missed heartbeats. Default 1000.
   */
  heartbeatMs?: number
  /**
   * A hidden leader hands the connection over to a visible tab after staying hidden this long, ms.
   * Default 30000: switching between two tabs of the app does not cost a reconnect each time, and a
   * hidden tab's timers are throttled hard only after five minutes (a frozen leader gives up at once).
   */
  handoverDelayMs?: number
}

/** The browser's Page Lifecycle events, attached on subscribe; nothing outside a browser. */
export function browserLifecycle(): PageLifecycleSource {
  return {
    subscribe(cb) {
      if (typeof document === 'undefined' || typeof window === 'undefined') return () => {}
      const on: Array<[EventTarget, string, (e: Event) => void]> = [
        [document, 'freeze', () => cb('suspend')],
        [document, 'resume', () => cb('resume')],
        // `persisted`: the page goes into the back-forward cache rather than away.
        [window, 'pagehide', (e) => cb((e as PageTransitionEvent).persisted ? 'suspend' : 'close')],
        [window, 'pageshow', (e) => (e as PageTransitionEvent).persisted && cb('resume')],
      ]
      for (const [target, type, fn] of on) target.addEventListener(type, fn)
      return () => {
        for (const [target, type, fn] of on) target.removeEventListener(type, fn)
      }
    },
  }
}
