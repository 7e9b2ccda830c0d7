import { CometChatException } from '../errors.js'
import type { Clock } from '../types.js'
import type { Action } from './wire.js'

/** The code of a call that no leader tab acknowledged, or answered, in time. */
export const NO_LEADER_TAB = 'ERR_NO_LEADER_TAB'

interface Pending {
  readonly action: Action
  readonly args: unknown[]
  readonly resolve: (value: unknown) => void
  readonly reject: (error: CometChatException) => void
  /** The leader tab that acknowledged it, or null while none has. */
  by: string | null
  timer: unknown
}

/** A tab's actions on their way to the leader (which may be this tab). */
export interface Calls {
  /** Sends `action` to the leader; settles with its answer. */
  start(action: Action, args: unknown[]): Promise<unknown>
  /** Leader `by` acknowledged call `id`. */
  ack(id: string, by: string): void
  /** Call `id` settled. */
  answer(id: string, error: CometChatException | undefined, value?: unknown): void
  /**
   * Tab `leader` leads now: what no leader acknowledged is sent to it; what the former leader had
   * taken is sent again, except a message (it may have been stored: re-sending could store it twice).
   */
  leaderChanged(leader: string): void
  /** Rejects every call with `error` (the engine is destroyed). */
  clear(error: CometChatException): void
}

/** Where a call goes: posted to the leader, or run here when this tab leads. May throw (uncloneable arguments). */
export type Route = (id: string, action: Action, args: unknown[]) => void

/**
 * The calls of one tab. Every one has deadlines, so no promise hangs when no leader answers: `ackMs`
 * for a leader to take it, then `answerMs` (longer than any of the engine's own deadlines) for the
 * answer. Both reject {@link NO_LEADER_TAB}.
 */
export function createCalls(tab: string, clock: Clock, route: Route, ackMs: number, answerMs: number): Calls {
  const pending = new Map<string, Pending>()
  let seq = 0

  const settle = (id: string, run: (p: Pending) => void) => {
    const p = pending.get(id)
    if (!p) return
    pending.delete(id)
    clock.clearTimeout(p.timer)
    run(p)
  }
  const arm = (id: string, p: Pending) => {
    clock.clearTimeout(p.timer)
    p.timer = clock.setTimeout(
      () =>
        settle(id, (q) =>
          q.reject(
            new CometChatException(
              NO_LEADER_TAB,
              'No tab answered for the shared connection: retry, or reload the page.',
              { action: q.action, acknowledged: q.by !== null },
            ),
          ),
        ),
      p.by === null ? ackMs : answerMs,
    )
  }
  const send = (id: string, p: Pending) => {
    p.by = null
    arm(id, p)
    try {
      route(id, p.action, p.args)
    } catch (cause) {
      settle(id, (q) =>
        q.reject(
          new CometChatException(
            'ERR_INVALID_ARGUMENT',
            `${q.action}(): arguments must be plain data (they go to another tab).`,
            { cause: String(cause) },
          ),
        ),
      )
    }
  }

  return {
    start(action, args) {
      return new Promise((resolve, reject) => {
        const id = `${tab}:${++seq}`
        const p: Pending = { action, args, resolve, reject, by: null, timer: undefined }
        pending.set(id, p)
        send(id, p)
      })
    },
    ack(id, by) {
      const p = pending.get(id)
      if (!p || p.by === by) return
      p.by = by
      arm(id, p)
    },
    answer(id, error, value) {
      settle(id, (p) => (error ? p.reject(error) : p.resolve(value)))
    },
    leaderChanged(leader) {
      for (const [id, p] of [...pending]) {
        if (p.by === leader) continue
        if (p.by !== null && p.action === 'sendMessage')
          settle(id, (q) =>
            q.reject(
              new CometChatException(
                'ERR_SEND_TIMEOUT',
                'The tab holding the connection closed before the ack: it may be stored. Check, then resend.',
                { sent: 'unknown' },
              ),
            ),
          )
        else send(id, p)
      }
    },
    clear(error) {
      for (const id of [...pending.keys()]) settle(id, (p) => p.reject(error))
    },
  }
}
