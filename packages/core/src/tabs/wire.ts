import { CometChatException } from '../errors.js'
import type { ConnectionSnapshot } from '../types.js'

// What tabs say to each other over the channel. Plain data only (the channel structured-clones it), so
// errors travel as { code, message, details } and are rebuilt as CometChatException on arrival.

/** An error on the channel. */
export interface WireError {
  readonly code: string
  readonly message: string
  readonly details?: unknown
}

/** A snapshot on the channel: the leader's, with its error flattened. */
export type WireSnapshot = Omit<ConnectionSnapshot, 'lastError'> & { readonly lastError: WireError | null }

/** The engine's actions a tab may ask the leader to run. */
export const ACTIONS = [
  'init',
  'login',
  'logout',
  'getLoggedInUser',
  'connect',
  'disconnect',
  'ping',
  'sendMessage',
] as const

/** One of {@link ACTIONS}. */
export type Action = (typeof ACTIONS)[number]

/** A listener kind: `addConnectionListener`, `addMessageListener`, `addUserListener`. */
export type Kind = 'connection' | 'message' | 'user'

/**
 * A message between tabs. `from` is the sender's tab id; leader messages carry the leadership's `term`
 * (it only grows), so a late message of a former leader is recognised.
 *
 * - `vis`: the sender is visible or not (visible tabs repeat it every heartbeat); `bye`: it is going away.
 * - `sync`: a tab (re)joined, or heard a leader of an older term than it knows, and asks the leader to
 *   introduce itself (`lead`, then `snap`), under a term above the one the asking tab knows.
 * - `snap`: the leader's snapshot, with the last delivered message id and the auth token.
 * - `evt`: a listener event of the leader's engine, to re-emit in every tab.
 * - `call` / `ack` / `res`: a tab asks the leader to run an action; it acknowledges, then answers.
 */
export type TabMessage =
  | { t: 'vis'; from: string; visible: boolean }
  | { t: 'bye'; from: string }
  | { t: 'sync'; from: string; term: number }
  | { t: 'lead'; from: string; term: number }
  | {
      t: 'snap'
      from: string
      term: number
      snap: WireSnapshot
      lastId: string | null
      token: string | null
    }
  | { t: 'evt'; from: string; term: number; kind: Kind; method: string; arg?: unknown }
  | { t: 'call'; from: string; id: string; action: Action; args: unknown[] }
  | { t: 'ack'; from: string; term: number; to: string; id: string }
  | { t: 'res'; from: string; term: number; to: string; id: string; error?: WireError; value?: unknown }

/** Whether `data` from the channel is a message this module understands (another script may share it). */
export function isTabMessage(data: unknown): data is TabMessage {
  const m = data as TabMessage | null
  return typeof m === 'object' && m !== null && typeof m.t === 'string' && typeof m.from === 'string'
}

/** Plain data, or undefined when `value` cannot travel (functions, cycles). Errors keep name, message, code. */
function plain(value: unknown): unknown {
  try {
    return value === undefined
      ? undefined
      : JSON.parse(
          JSON.stringify(value, (_k, v: unknown) =>
            v instanceof Error
              ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code }
              : v,
          ),
        )
  } catch {
    return undefined
  }
}

/** An error (any thrown value) for the channel. */
export function errorToWire(e: unknown): WireError {
  const x = e as Partial<CometChatException> | null
  const details = plain(x?.details)
  return {
    code: typeof x?.code === 'string' ? x.code : 'ERR_UNKNOWN',
    message: typeof x?.message === 'string' ? x.message : String(e),
    ...(details !== undefined && { details }),
  }
}

/** The {@link CometChatException} a {@link WireError} stands for. */
export const errorFromWire = (w: WireError): CometChatException =>
  new CometChatException(w.code, w.message, w.details)

/** A snapshot for the channel. */
export const snapshotToWire = (s: ConnectionSnapshot): WireSnapshot =>
  ({ ...s, lastError: s.lastError && errorToWire(s.lastError) }) as WireSnapshot

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * The snapshot a {@link WireSnapshot} stands for, reusing `prev` and each of its field values that did
 * not change, so an unchanged snapshot keeps its identity (`useSyncExternalStore` never loops) and an
 * unchanged user or error object stays the same object.
 */
export function snapshotFromWire(prev: ConnectionSnapshot, w: WireSnapshot): ConnectionSnapshot {
  const before = snapshotToWire(prev) as unknown as Record<string, unknown>
  const next: Record<string, unknown> = {}
  let changed = false
  for (const [k, v] of Object.entries(w)) {
    const keep = same(before[k], v)
    changed ||= !keep
    next[k] = keep
      ? prev[k as keyof ConnectionSnapshot]
      : k === 'lastError' && v
        ? errorFromWire(v as WireError)
        : typeof v === 'object' && v
          ? Object.freeze(v) // like the engine's: a user, the recovery, the presence list
          : v
  }
  return changed ? (Object.freeze(next) as unknown as ConnectionSnapshot) : prev
}
