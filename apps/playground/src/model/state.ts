import type { ConnectionMode, ConnectionSnapshot, TextMessage } from '@cometchat-connection/core'
import { SERVER_SNAPSHOT } from '@cometchat-connection/core'
import type { CatchUp, ContinuityLoss, SentLine } from './delivery.js'
import type { ErrorInfo } from './errors.js'
import type { TimelineEntry } from './timeline.js'

/** A message as a chat panel lists it. */
export interface ChatLine {
  readonly id: string
  readonly from: string
  readonly to: string
  readonly text: string
  /** When the server stored it, epoch ms (the order of a conversation). */
  readonly sentAt: number
  /** When the page received it, epoch ms. */
  readonly at: number
  /**
   * How it arrived: `live`; `replayed` by a resume (it was sent while this user was away: shown as
   * recovered); or `fetched` by a catch-up after continuity was lost.
   */
  readonly source: 'live' | 'replayed' | 'fetched'
}

/** A received message as a chat list line. */
export function chatLineOf(m: TextMessage, source: ChatLine['source'], at: number): ChatLine {
  return { id: m.id, from: m.sender, to: m.receiver, text: m.text, sentAt: m.sentAt, at, source }
}

/** Everything the playground shows. Immutable: a new object on every change. */
export interface PlaygroundState {
  /** When the playground started, epoch ms (the timeline's origin). */
  readonly startedAt: number
  /** `in-page`: the server logic runs in the page. `server`: a real server. */
  readonly transport: 'in-page' | 'server'
  /** The real server's URL, or null in-page. */
  readonly serverUrl: string | null
  /** The main engine's mode; switching re-creates the engine. */
  readonly mode: ConnectionMode
  /** The main engine's manual-mode background grace period, ms. */
  readonly backgroundTimeoutMs: number
  /** The main engine's heartbeat interval (foreground silence before it pings), ms. */
  readonly heartbeatIntervalMs: number
  /** The main engine's pong timeout, ms. */
  readonly pongTimeoutMs: number
  /** The uid the Login button logs in with. */
  readonly uid: string
  /** The uids the user picker offers. */
  readonly users: readonly string[]
  /** The second user, logged in on a second engine. */
  readonly peerUid: string
  /** The main engine's snapshot. */
  readonly snapshot: ConnectionSnapshot
  /** The second engine's snapshot. */
  readonly peerSnapshot: ConnectionSnapshot
  /** In-page server: whether it runs. Always true for a real server. */
  readonly serverRunning: boolean
  /** In-page server: whether its links are stalled (half-open). Always false for a real server. */
  readonly linkStalled: boolean
  /** Whether the app pings by itself (manual mode, while connected). */
  readonly autoPing: boolean
  readonly autoPingIntervalMs: number
  /** The last error the main engine reported or an action of it rejected with. */
  readonly lastError: ErrorInfo | null
  /** Newest first. */
  readonly timeline: readonly TimelineEntry[]
  /** Messages the main user received. */
  readonly inbox: readonly ChatLine[]
  /** Messages the second user received. */
  readonly peerInbox: readonly ChatLine[]
  /** Presence as the main user's engine heard it, by uid. */
  readonly presence: Readonly<Record<string, 'online' | 'offline'>>
  /** The main user's sends, oldest first: waiting, stored or failed. */
  readonly sent: readonly SentLine[]
  /**
   * The in-page server's inbox window (`inboxMaxEvents`): how many messages it keeps per user, so how
   * many missed ones a resume can replay. Null for a real server (its own setting).
   */
  readonly inboxWindow: number | null
  /** The main engine's last `onContinuityLost`, until the next login or server restart. */
  readonly continuity: ContinuityLoss | null
  /** The last catch-up after a lost continuity, or null. */
  readonly catchUp: CatchUp | null
  /** Messages each side sent (acknowledged by the server). */
  readonly sentCount: number
  readonly peerSentCount: number
  /** How many times the main engine was created (mode and settings changes re-create it). */
  readonly engineGeneration: number
}

/** A snapshot for before the engines exist (and the server render): nothing logged in, nothing open. */
export function idleSnapshot(mode: ConnectionMode): ConnectionSnapshot {
  return Object.freeze({ ...SERVER_SNAPSHOT, mode })
}

/** How many lines a chat list keeps. */
export const CHAT_LIMIT = 50

/** Keeps a chat list bounded (newest last). */
export function appendLine<T>(list: readonly T[], line: T, limit = CHAT_LIMIT): readonly T[] {
  return [...list.slice(Math.max(0, list.length - limit + 1)), line]
}
