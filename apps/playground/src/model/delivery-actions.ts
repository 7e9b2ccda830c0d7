// The controller's part of the delivery promise: the main user's sends from waiting to stored, a lost
// continuity recorded, and its catch-up. Kept apart so the controller stays about connections.
import type { ConnectionEngine, ContinuityLostInfo } from '@cometchat-connection/core'
import { fetchAllAfter } from './catch-up.js'
import { mergeFetched, RESET_REASONS } from './delivery.js'
import { type ErrorInfo, toErrorInfo } from './errors.js'
import { appendLine, CHAT_LIMIT, chatLineOf, type PlaygroundState } from './state.js'
import type { Store } from './store.js'
import type { TimelineKind } from './timeline.js'

/** What the delivery actions need from the controller. */
export interface DeliveryContext {
  readonly store: Store<PlaygroundState>
  readonly log: (kind: TimelineKind, text: string) => void
  /** Reports a failure of the main engine (timeline and last error). */
  readonly fail: (info: ErrorInfo) => void
  /** The main engine now (replaced by mode, settings and server restarts), or null. */
  readonly main: () => ConnectionEngine | null
  /** The transport's fetch now (the in-page server's), or undefined for the browser's. */
  readonly fetch: () => typeof fetch | undefined
}

/** A send listed as waiting; call one of these once the engine settles it. */
export interface TrackedSend {
  stored(): void
  failed(error: unknown): void
}

/** The delivery actions of one controller. */
export interface DeliveryActions {
  /** The main engine's `onContinuityLost`: recorded until the catch-up or a new session. */
  continuityLost(info: ContinuityLostInfo): void
  /** Lists a send of the main user as `waiting` (for a connection that is coming, or the acknowledgement). */
  trackSend(to: string, text: string): TrackedSend
  /** See `PlaygroundController.catchUp`. */
  catchUp(): Promise<void>
  /** A new login or logout: a lost continuity of the session before is not this one's to catch up. */
  newSession(): void
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Creates the delivery actions over the controller's store. */
export function createDeliveryActions(ctx: DeliveryContext): DeliveryActions {
  const { store, log } = ctx
  let nextKey = 1

  return {
    continuityLost({ reason, lastDeliveredMessageId }) {
      store.update({ continuity: { reason, lastDeliveredMessageId, at: Date.now() }, catchUp: null })
      log(
        'delivery',
        `onContinuityLost: ${reason}: ${RESET_REASONS[reason]}; last delivered ${lastDeliveredMessageId ?? 'none'}`,
      )
    },

    trackSend(to, text) {
      const key = nextKey++
      store.update({ sent: appendLine(store.get().sent, { key, to, text, state: 'waiting' }, CHAT_LIMIT) })
      // After a server restart the line is gone: nothing to update then.
      const settle = (state: 'stored' | 'failed', code?: string) =>
        store.update({
          sent: store.get().sent.map((l) => (l.key === key ? { ...l, state, ...(code && { code }) } : l)),
        })
      return {
        stored: () => settle('stored'),
        failed: (error) => settle('failed', toErrorInfo(error, '', 0).code),
      }
    },

    async catchUp() {
      const engine = ctx.main()
      const loss = store.get().continuity
      if (!engine || !loss) return
      const after = loss.lastDeliveredMessageId
      store.update({ catchUp: { state: 'fetching' } })
      log('action', `fetchMessages(engine, { after: ${after ? `'${after}'` : 'null'} })`)
      try {
        const found = await fetchAllAfter(engine, after, ctx.fetch())
        if (engine !== ctx.main()) return
        const fetched = found.messages.map((m) => chatLineOf(m, 'fetched', Date.now()))
        const { lines, added } = mergeFetched(store.get().inbox, fetched)
        const kept = found.messages.length
        store.update({
          inbox: lines.slice(-CHAT_LIMIT),
          catchUp: { state: 'done', kept, added, truncated: found.truncated, at: Date.now() },
        })
        log(
          'delivery',
          `catch-up: the server keeps ${plural(kept, 'message')} after the last delivered one; ${added} added` +
            (found.truncated ? '; older ones are gone (truncated)' : ''),
        )
      } catch (error) {
        if (engine !== ctx.main()) return
        const info = toErrorInfo(error, 'fetchMessages()', Date.now())
        store.update({ catchUp: { state: 'failed', code: info.code, message: info.message } })
        ctx.fail(info)
      }
    },

    newSession: () => store.update({ continuity: null, catchUp: null }),
  }
}
